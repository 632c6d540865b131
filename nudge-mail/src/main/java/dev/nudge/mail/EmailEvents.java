package dev.nudge.mail;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the email-spec events (DESIGN.md §3) that flow back into ingest.
 *
 * <p>Event messageIds are derived from a caller-supplied natural key (e.g. ESP event id, or tracking
 * token + time + ip) so the same webhook retried by an ESP, or the same hit reported twice, dedupes
 * in ingest instead of counting twice.
 */
public final class EmailEvents {
    public static final String DELIVERED = "Email Delivered";
    public static final String BOUNCED = "Email Bounced";
    public static final String OPENED = "Email Opened";
    public static final String CLICKED = "Email Link Clicked";
    public static final String UNSUBSCRIBED = "Unsubscribed";
    public static final String SPAM = "Email Marked as Spam";

    private EmailEvents() {
    }

    public static Event track(String naturalKey, String profileId, String name, Map<String, Object> properties,
                              Map<String, Object> context, Instant at, Instant receivedAt) {
        Map<String, Object> props = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (v != null) props.put(k, v);
        });
        return new Event(eventId(name + "|" + naturalKey), EventType.TRACK, profileId, null, name,
                java.util.Collections.unmodifiableMap(props), Map.of(), context == null ? Map.of() : context,
                at, receivedAt, null, null);
    }

    public static Event identify(String naturalKey, String profileId, Map<String, Object> traits, Instant at) {
        return new Event(eventId("identify|" + naturalKey), EventType.IDENTIFY, profileId, null, null,
                Map.of(), traits, Map.of(), at, at, null, null);
    }

    /** A stable id: "nm-" + 32 hex chars of SHA-256 over the key. */
    public static String eventId(String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "nm-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
