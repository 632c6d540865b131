package dev.nudge.mail.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.tracking.MessageStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Postmark webhooks. Postmark does not sign payloads; it sends the HTTP Basic credentials put in
 * the webhook URL, which are checked in constant time. Correlation: the Metadata field
 * {@code nudge_message_id} (Nudge sets header {@code X-PM-Metadata-nudge_message_id}), else the
 * recipient's email.
 *
 * <p>RecordType mapping: Delivery → Email Delivered; Bounce → Email Bounced (HardBounce,
 * BadEmailAddress, ManuallyDeactivated → hard, others soft); SpamComplaint → Email Marked as Spam;
 * Open → Email Opened; Click → Email Link Clicked; SubscriptionChange with SuppressSending true →
 * Unsubscribed.
 */
public final class PostmarkWebhook implements EspWebhook {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HARD = List.of("HardBounce", "BadEmailAddress", "ManuallyDeactivated");

    private final byte[] expectedAuth;
    private final MessageStore messages;
    private final ProfileByEmail byEmail;
    private final MachineDetector detector;

    public PostmarkWebhook(String user, String password, MessageStore messages, ProfileByEmail byEmail, MachineDetector detector) {
        if (user == null || user.isEmpty() || password == null || password.length() < 12) {
            throw new IllegalArgumentException("Postmark webhook needs a user and a password of at least 12 characters in its URL "
                    + "(https://user:password@host/...): Postmark does not sign payloads, so Basic auth is the only check");
        }
        this.expectedAuth = ("Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        this.messages = messages;
        this.byEmail = byEmail;
        this.detector = detector;
    }

    @Override
    public WebhookResult handle(WebhookRequest req) {
        String auth = req.header("Authorization");
        if (auth == null || !MessageDigest.isEqual(expectedAuth, auth.strip().getBytes(StandardCharsets.UTF_8))) {
            return new WebhookResult.Refused(401, "missing or wrong Basic credentials");
        }
        JsonNode e;
        try {
            e = JSON.readTree(req.body());
        } catch (IOException ex) {
            return new WebhookResult.Refused(400, "body is not JSON: " + ex.getMessage());
        }
        if (e == null || !e.isObject()) return new WebhookResult.Refused(400, "body must be a JSON object with a RecordType");
        String type = e.path("RecordType").asText("");
        Map<String, Object> extra = new LinkedHashMap<>();
        String timeField;
        String name;
        switch (type) {
            case "Delivery" -> { name = EmailEvents.DELIVERED; timeField = "DeliveredAt"; }
            case "Bounce" -> {
                name = EmailEvents.BOUNCED;
                timeField = "BouncedAt";
                extra.put("bounce_type", HARD.contains(e.path("Type").asText()) ? "hard" : "soft");
                extra.put("reason", e.path("Description").asText(null));
            }
            case "SpamComplaint" -> { name = EmailEvents.SPAM; timeField = "BouncedAt"; }
            case "Open" -> { name = EmailEvents.OPENED; timeField = "ReceivedAt"; }
            case "Click" -> { name = EmailEvents.CLICKED; timeField = "ReceivedAt"; extra.put("url", e.path("OriginalLink").asText(null)); }
            case "SubscriptionChange" -> {
                if (!e.path("SuppressSending").asBoolean(false)) return new WebhookResult.Accepted(List.of(), 0);
                name = EmailEvents.UNSUBSCRIBED;
                timeField = "ChangedAt";
                extra.put("source", "esp:postmark");
            }
            default -> { return new WebhookResult.Refused(400, "unknown RecordType '" + type + "'"); }
        }
        String email = e.has("Recipient") ? e.path("Recipient").asText() : e.path("Email").asText(null);
        Instant at = parse(e.path(timeField).asText(null), req.receivedAt());
        EventMapper mapper = new EventMapper("postmark", messages, byEmail, detector);
        var ev = mapper.map(name, type + "|" + e.path("MessageID").asText() + "|" + e.path("ID").asText() + "|" + at,
                e.path("Metadata").path("nudge_message_id").asText(null), email, at, req.receivedAt(), extra,
                e.path("UserAgent").asText(null), null, null);
        return new WebhookResult.Accepted(ev.map(List::of).orElse(List.of()), mapper.unmatched);
    }

    private static Instant parse(String s, Instant dflt) {
        if (s == null || s.isBlank()) return dflt;
        try {
            return java.time.OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ex) {
            return dflt;
        }
    }
}
