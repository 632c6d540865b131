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
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SendGrid Event Webhook with Signed Event Webhook verification: ECDSA P-256 / SHA-256 over
 * {@code timestamp header + raw body}, signature (base64 DER) in
 * {@code X-Twilio-Email-Event-Webhook-Signature}, timestamp in
 * {@code X-Twilio-Email-Event-Webhook-Timestamp}, verified with the public key shown in SendGrid's
 * settings (base64 DER SubjectPublicKeyInfo). A timestamp further than {@code tolerance} from now
 * is refused (replay). Correlation: the {@code smtp-id} field is the Message-ID Nudge set.
 *
 * <p>Mapping: delivered → Email Delivered; bounce → Email Bounced (hard), blocked → Email Bounced
 * (soft); open → Email Opened (SendGrid's {@code sg_machine_open} counts as machine); click → Email
 * Link Clicked; spamreport → Email Marked as Spam; unsubscribe, group_unsubscribe → Unsubscribed.
 * processed, deferred and dropped carry no engagement and are skipped.
 */
public final class SendGridWebhook implements EspWebhook {
    static final String SIG = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TS = "X-Twilio-Email-Event-Webhook-Timestamp";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicKey key;
    private final MessageStore messages;
    private final ProfileByEmail byEmail;
    private final MachineDetector detector;
    private final InstantSource clock;
    private final Duration tolerance;

    /** @param publicKeyBase64 the verification key from SendGrid's Mail Settings → Signed Event Webhook */
    public SendGridWebhook(String publicKeyBase64, MessageStore messages, ProfileByEmail byEmail, MachineDetector detector,
                           InstantSource clock, Duration tolerance) {
        try {
            this.key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the SendGrid webhook public key is not a base64 EC public key; copy it from "
                    + "SendGrid → Settings → Mail Settings → Signed Event Webhook", e);
        }
        this.messages = messages;
        this.byEmail = byEmail;
        this.detector = detector;
        this.clock = clock;
        this.tolerance = tolerance;
    }

    @Override
    public WebhookResult handle(WebhookRequest req) {
        String sig = req.header(SIG);
        String ts = req.header(TS);
        if (sig == null || ts == null) return new WebhookResult.Refused(401, "missing " + SIG + " or " + TS + " header; enable Signed Event Webhook in SendGrid");
        try {
            long t = Long.parseLong(ts.strip());
            if (Duration.between(Instant.ofEpochSecond(t), clock.instant()).abs().compareTo(tolerance) > 0) {
                return new WebhookResult.Refused(401, "timestamp outside the allowed window (replayed or clock skew)");
            }
        } catch (NumberFormatException e) {
            return new WebhookResult.Refused(401, "timestamp header is not epoch seconds");
        }
        try {
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(key);
            v.update(ts.getBytes(StandardCharsets.UTF_8));
            v.update(req.body());
            if (!v.verify(Base64.getDecoder().decode(sig.strip()))) return new WebhookResult.Refused(401, "signature does not verify");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new WebhookResult.Refused(401, "signature does not verify: " + e.getMessage());
        }
        JsonNode arr;
        try {
            arr = JSON.readTree(req.body());
        } catch (IOException e) {
            return new WebhookResult.Refused(400, "body is not JSON: " + e.getMessage());
        }
        if (arr == null || !arr.isArray()) return new WebhookResult.Refused(400, "body must be a JSON array of events");
        EventMapper mapper = new EventMapper("sendgrid", messages, byEmail, detector);
        List<Event> out = new ArrayList<>();
        for (JsonNode e : arr) {
            String type = e.path("event").asText("");
            Map<String, Object> extra = new LinkedHashMap<>();
            String name = switch (type) {
                case "delivered" -> EmailEvents.DELIVERED;
                case "bounce", "blocked" -> {
                    boolean hard = type.equals("bounce") && !"blocked".equals(e.path("type").asText());
                    extra.put("bounce_type", hard ? "hard" : "soft");
                    extra.put("reason", e.path("reason").asText(null));
                    extra.put("status", e.path("status").asText(null));
                    yield EmailEvents.BOUNCED;
                }
                case "open" -> EmailEvents.OPENED;
                case "click" -> {
                    extra.put("url", e.path("url").asText(null));
                    yield EmailEvents.CLICKED;
                }
                case "spamreport" -> EmailEvents.SPAM;
                case "unsubscribe", "group_unsubscribe" -> {
                    extra.put("source", "esp:sendgrid");
                    yield EmailEvents.UNSUBSCRIBED;
                }
                default -> null;
            };
            if (name == null) continue;
            Instant at = e.has("timestamp") ? Instant.ofEpochSecond(e.path("timestamp").asLong()) : req.receivedAt();
            String id = e.path("sg_event_id").asText(type + "|" + e.path("sg_message_id").asText() + "|" + at);
            Boolean machine = e.has("sg_machine_open") ? e.path("sg_machine_open").asBoolean() : null;
            mapper.map(name, id, e.path("smtp-id").asText(null), e.path("email").asText(null), at, req.receivedAt(), extra,
                    e.path("useragent").asText(null), e.path("ip").asText(null), machine).ifPresent(out::add);
        }
        return new WebhookResult.Accepted(out, mapper.unmatched);
    }
}
