package dev.nudge.mail.unsubscribe;

import dev.nudge.core.profile.Profile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the shared consent convention: trait {@code consent.email} is one of
 * {@code subscribed|unsubscribed|bounced|complained} (absent means subscribed), and per-topic
 * choices live in {@code consent.topics.{topic}} = {@code subscribed|unsubscribed}.
 */
public final class ConsentState {
    private ConsentState() {
    }

    /** {@code subscribed: email} of the segment language: an email trait and consent absent or subscribed. */
    public static boolean subscribedToEmail(Profile p) {
        String s = emailStatus(p);
        return p.email() != null && (s == null || s.equals("subscribed"));
    }

    public static String emailStatus(Profile p) {
        return consent(p).get("email") instanceof String s ? s : null;
    }

    public static boolean topicUnsubscribed(Profile p, String topic) {
        if (topic == null) return false;
        return consent(p).get("topics") instanceof Map<?, ?> t && "unsubscribed".equals(t.get(topic));
    }

    /** A mutable copy of the {@code consent} trait (empty when absent or not a map). */
    static Map<String, Object> consent(Profile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (p.traits().get("consent") instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
