package dev.nudge.mail.webhook;

import dev.nudge.core.event.Event;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.tracking.Hit;
import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.tracking.MessageStore;
import dev.nudge.mail.tracking.StoredMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ties an ESP event to a Nudge message (by Message-ID, angle brackets optional) or, failing that, to
 * a profile by email, and builds the email-spec event. Opens and clicks reported by an ESP get the
 * same machine flags as Nudge's own tracking.
 */
final class EventMapper {
    private final MessageStore messages;
    private final ProfileByEmail byEmail;
    private final MachineDetector detector;
    private final String esp;
    int unmatched;

    EventMapper(String esp, MessageStore messages, ProfileByEmail byEmail, MachineDetector detector) {
        this.esp = esp;
        this.messages = messages;
        this.byEmail = byEmail;
        this.detector = detector;
    }

    Optional<Event> map(String name, String espEventId, String messageId, String email, Instant at, Instant receivedAt,
                        Map<String, Object> extra, String userAgent, String ip, Boolean espSaysMachine) {
        Optional<StoredMessage> m = messageId == null ? Optional.empty() : messages.find(stripBrackets(messageId));
        String profileId = m.map(StoredMessage::profileId).orElse(null);
        if (profileId == null && email != null) profileId = byEmail.profileIdFor(email.trim().toLowerCase(java.util.Locale.ROOT)).orElse(null);
        if (profileId == null) {
            unmatched++;
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("message_id", m.map(StoredMessage::messageId).orElse(messageId == null ? null : stripBrackets(messageId)));
        p.put("email", email != null ? email : m.map(StoredMessage::email).orElse(null));
        m.ifPresent(s -> {
            p.put("campaign_id", s.campaignId());
            p.put("flow_id", s.flowId());
            p.put("flow_step", s.flowStep());
        });
        p.put("esp", esp);
        p.putAll(extra);
        if (name.equals(EmailEvents.OPENED) || name.equals(EmailEvents.CLICKED)) {
            StoredMessage sm = m.orElse(new StoredMessage("?", null, profileId, email, null, null, null, List.of(), null));
            Hit hit = new Hit("esp", "GET", userAgent, ip, at);
            MachineDetector.Verdict v = name.equals(EmailEvents.OPENED) ? detector.classifyOpen(hit, sm) : detector.classifyClick(hit, sm, String.valueOf(extra.get("url")).hashCode());
            boolean machine = Boolean.TRUE.equals(espSaysMachine) || v.machine();
            p.put("machine", machine);
            p.put("machine_reason", Boolean.TRUE.equals(espSaysMachine) && !v.machine() ? esp + "_machine_open" : v.reason());
        }
        Map<String, Object> ctx = new LinkedHashMap<>();
        if (ip != null && !ip.isBlank()) ctx.put("ip", ip);
        if (userAgent != null && !userAgent.isBlank()) ctx.put("userAgent", userAgent);
        return Optional.of(EmailEvents.track(esp + "|" + espEventId, profileId, name, p, ctx, at, receivedAt));
    }

    static String stripBrackets(String id) {
        String s = id.strip();
        if (s.startsWith("<") && s.endsWith(">")) s = s.substring(1, s.length() - 1);
        return s;
    }
}
