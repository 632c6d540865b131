package dev.nudge.mail.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.event.Event;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.tracking.MessageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mailgun webhooks (JSON): {@code signature.signature} must equal hex HMAC-SHA256 of
 * {@code timestamp + token} under the webhook signing key; the timestamp must be within
 * {@code tolerance} and a token is accepted once (replay cache, bounded, in memory).
 *
 * <p>Mapping of {@code event-data.event}: delivered → Email Delivered; failed with severity
 * permanent → Email Bounced (hard), temporary → skipped (Mailgun retries); opened, clicked,
 * unsubscribed, complained → the matching events. Correlation by
 * {@code event-data.message.headers.message-id}.
 */
public final class MailgunWebhook implements EspWebhook {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] signingKey;
    private final MessageStore messages;
    private final ProfileByEmail byEmail;
    private final MachineDetector detector;
    private final InstantSource clock;
    private final Duration tolerance;
    private final Map<String, Boolean> seenTokens = java.util.Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
            return size() > 100_000;
        }
    });

    public MailgunWebhook(String signingKey, MessageStore messages, ProfileByEmail byEmail, MachineDetector detector,
                          InstantSource clock, Duration tolerance) {
        if (signingKey == null || signingKey.isBlank()) {
            throw new IllegalArgumentException("Mailgun webhook signing key is empty; copy it from Mailgun → Sending → Webhooks");
        }
        this.signingKey = signingKey.getBytes(StandardCharsets.UTF_8);
        this.messages = messages;
        this.byEmail = byEmail;
        this.detector = detector;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    @Override
    public WebhookResult handle(WebhookRequest req) {
        JsonNode root;
        try {
            root = JSON.readTree(req.body());
        } catch (IOException e) {
            return new WebhookResult.Refused(400, "body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) return new WebhookResult.Refused(400, "body must be a JSON object with signature and event-data");
        JsonNode s = root.path("signature");
        String ts = s.path("timestamp").asText(""), token = s.path("token").asText(""), sig = s.path("signature").asText("");
        if (ts.isEmpty() || token.isEmpty() || sig.isEmpty()) return new WebhookResult.Refused(401, "missing signature.timestamp, token or signature");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal((ts + token).getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, sig.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                return new WebhookResult.Refused(401, "signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        try {
            if (Duration.between(Instant.ofEpochSecond(Long.parseLong(ts)), clock.instant()).abs().compareTo(tolerance) > 0) {
                return new WebhookResult.Refused(401, "timestamp outside the allowed window (replayed or clock skew)");
            }
        } catch (NumberFormatException e) {
            return new WebhookResult.Refused(401, "signature.timestamp is not epoch seconds");
        }
        if (seenTokens.putIfAbsent(token, Boolean.TRUE) != null) return new WebhookResult.Refused(401, "token already used (replay)");

        JsonNode e = root.path("event-data");
        String type = e.path("event").asText("");
        Map<String, Object> extra = new LinkedHashMap<>();
        String name = switch (type) {
            case "delivered" -> EmailEvents.DELIVERED;
            case "failed" -> {
                if (!"permanent".equals(e.path("severity").asText())) yield null;
                extra.put("bounce_type", "hard");
                extra.put("status", e.path("delivery-status").path("code").asText(null));
                extra.put("reason", e.path("delivery-status").path("description").asText(e.path("reason").asText(null)));
                yield EmailEvents.BOUNCED;
            }
            case "opened" -> EmailEvents.OPENED;
            case "clicked" -> {
                extra.put("url", e.path("url").asText(null));
                yield EmailEvents.CLICKED;
            }
            case "unsubscribed" -> {
                extra.put("source", "esp:mailgun");
                yield EmailEvents.UNSUBSCRIBED;
            }
            case "complained" -> EmailEvents.SPAM;
            default -> null;
        };
        if (name == null) return new WebhookResult.Accepted(List.of(), 0);
        Instant at = e.has("timestamp") ? Instant.ofEpochMilli((long) (e.path("timestamp").asDouble() * 1000)) : req.receivedAt();
        EventMapper mapper = new EventMapper("mailgun", messages, byEmail, detector);
        var ev = mapper.map(name, e.path("id").asText(token), e.path("message").path("headers").path("message-id").asText(null),
                e.path("recipient").asText(null), at, req.receivedAt(), extra,
                e.path("client-info").path("user-agent").asText(null), e.path("ip").asText(null), null);
        List<Event> out = ev.map(List::of).orElse(List.of());
        return new WebhookResult.Accepted(out, mapper.unmatched);
    }
}
