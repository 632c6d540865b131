package dev.nudge.mail.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.event.Event;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.tracking.MessageStore;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SES events delivered by Amazon SNS (HTTPS subscription).
 *
 * <p>Verification, in order: the TopicArn is one of the configured topics; SigningCertURL is
 * {@code https://sns.<region>.amazonaws.com/….pem} for the region of that topic ({@code .com.cn} in
 * the China partition; see {@link #snsUrl}), so a forged message cannot point at an attacker's
 * certificate; the signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA)
 * verifies over SNS's canonical string — {@code key\nvalue\n} for Message, MessageId, Subject (if
 * any), Timestamp, TopicArn, Type for notifications, and Message, MessageId, SubscribeURL,
 * Timestamp, Token, TopicArn, Type for (un)subscribe confirmations. A verified
 * SubscriptionConfirmation is answered with {@link WebhookResult.ConfirmSubscription}.
 *
 * <p>SES mapping ({@code eventType} or {@code notificationType}): Delivery → Email Delivered per
 * recipient; Bounce → Email Bounced (Permanent → hard, else soft) per bounced recipient; Complaint →
 * Email Marked as Spam; Open; Click. Correlation by {@code mail.commonHeaders.messageId} or the
 * Message-ID in {@code mail.headers}.
 */
public final class SesSnsWebhook implements EspWebhook {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An SNS endpoint host: {@code sns.} + an AWS region name ({@code us-east-1}, {@code us-gov-west-1}, {@code cn-north-1}) + the partition's domain. */
    private static final Pattern SNS_HOST = Pattern.compile("sns\\.([a-z]{2}(?:-[a-z]+)+-\\d{1,2})\\.(amazonaws\\.com(?:\\.cn)?)");
    /** {@code arn:<partition>:sns:<region>:<account>:<topic>}. */
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:(aws(?:-cn|-us-gov)?):sns:([a-z0-9-]+):\\d{12}:.+");

    private final CertificateFetcher certs;
    private final Set<String> topicArns;
    private final MessageStore messages;
    private final ProfileByEmail byEmail;
    private final MachineDetector detector;

    public SesSnsWebhook(CertificateFetcher certs, Set<String> topicArns, MessageStore messages, ProfileByEmail byEmail, MachineDetector detector) {
        if (topicArns == null || topicArns.isEmpty()) {
            throw new IllegalArgumentException("configure the SNS topic ARN(s) Nudge should accept (arn:aws:sns:<region>:<account>:<topic>)");
        }
        this.certs = certs;
        this.topicArns = Set.copyOf(topicArns);
        this.messages = messages;
        this.byEmail = byEmail;
        this.detector = detector;
    }

    @Override
    public WebhookResult handle(WebhookRequest req) {
        JsonNode m;
        try {
            m = JSON.readTree(req.body());
        } catch (IOException e) {
            return new WebhookResult.Refused(400, "body is not JSON: " + e.getMessage());
        }
        if (m == null || !m.isObject()) return new WebhookResult.Refused(400, "body must be an SNS message object");
        String type = m.path("Type").asText("");
        if (!Set.of("Notification", "SubscriptionConfirmation", "UnsubscribeConfirmation").contains(type)) {
            return new WebhookResult.Refused(400, "unknown SNS message Type '" + type + "'");
        }
        String topic = m.path("TopicArn").asText("");
        if (!topicArns.contains(topic)) return new WebhookResult.Refused(403, "topic " + topic + " is not configured for this endpoint");
        String refusal = verify(m, type);
        if (refusal != null) return new WebhookResult.Refused(401, refusal);
        return switch (type) {
            case "SubscriptionConfirmation" -> {
                String url = m.path("SubscribeURL").asText("");
                yield snsUrl(url, topic, false) ? new WebhookResult.ConfirmSubscription(url, topic)
                        : new WebhookResult.Refused(400, "SubscribeURL is not an https URL on an SNS host");
            }
            case "UnsubscribeConfirmation" -> new WebhookResult.Accepted(List.of(), 0);
            default -> notification(m, req);
        };
    }

    private String verify(JsonNode m, String type) {
        String certUrl = m.path("SigningCertURL").asText(m.path("SigningCertUrl").asText(""));
        if (!snsUrl(certUrl, m.path("TopicArn").asText(""), true)) {
            return "SigningCertURL must be https://sns.<region of the topic>.amazonaws.com/....pem, got '" + certUrl + "'";
        }
        String algo = switch (m.path("SignatureVersion").asText("")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        if (algo == null) return "unsupported SignatureVersion '" + m.path("SignatureVersion").asText() + "'";
        List<String> fields = type.equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder canonical = new StringBuilder();
        for (String f : fields) {
            JsonNode v = m.get(f);
            if (v == null || v.isNull()) {
                if (f.equals("Subject")) continue;
                return "field " + f + " missing";
            }
            canonical.append(f).append('\n').append(v.asText()).append('\n');
        }
        try {
            X509Certificate cert = certs.fetch(URI.create(certUrl));
            Signature s = Signature.getInstance(algo);
            s.initVerify(cert.getPublicKey());
            s.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(m.path("Signature").asText(""))) ? null : "signature does not verify";
        } catch (IOException e) {
            return "cannot fetch the signing certificate: " + e.getMessage();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "signature does not verify: " + e.getMessage();
        }
    }

    /**
     * Whether {@code url} is on the SNS endpoint of the topic's region — what AWS's own validators
     * require. The AWS SDK for Java v2 accepts exactly the SNS host of the configured region; the
     * SDK for PHP and the Node.js validator accept {@code ^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$}.
     * This takes the stricter form: {@code https}, no user info, port 443, host
     * {@code sns.<region>.amazonaws.com} where region is a region name (so {@code sns.s3.amazonaws.com}
     * and other services' hosts fail) and equals the TopicArn's region, {@code .amazonaws.com.cn}
     * exactly in the {@code aws-cn} partition; for a certificate, a path ending in {@code .pem}.
     */
    static boolean snsUrl(String url, String topicArn, boolean pem) {
        Matcher arn = TOPIC_ARN.matcher(topicArn);
        if (!arn.matches()) return false;
        String domain = arn.group(1).equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
        try {
            URI u = new URI(url);
            if (!"https".equals(u.getScheme()) || u.getHost() == null || u.getRawUserInfo() != null) return false;
            if (u.getPort() != -1 && u.getPort() != 443) return false;
            Matcher host = SNS_HOST.matcher(u.getHost());
            if (!host.matches() || !host.group(1).equals(arn.group(2)) || !host.group(2).equals(domain)) return false;
            return !pem || (u.getPath() != null && u.getPath().endsWith(".pem") && u.getRawQuery() == null);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private WebhookResult notification(JsonNode sns, WebhookRequest req) {
        JsonNode ses;
        try {
            ses = JSON.readTree(sns.path("Message").asText(""));
        } catch (IOException e) {
            return new WebhookResult.Refused(400, "SNS Message is not SES JSON: " + e.getMessage());
        }
        if (ses == null || !ses.isObject()) return new WebhookResult.Refused(400, "SNS Message is not an SES event object");
        String kind = ses.path("eventType").asText(ses.path("notificationType").asText(""));
        JsonNode mail = ses.path("mail");
        String messageId = mail.path("commonHeaders").path("messageId").asText(null);
        if (messageId == null) {
            for (JsonNode h : mail.path("headers")) if ("Message-ID".equalsIgnoreCase(h.path("name").asText())) messageId = h.path("value").asText();
        }
        String snsId = sns.path("MessageId").asText();
        EventMapper mapper = new EventMapper("ses", messages, byEmail, detector);
        List<Event> out = new ArrayList<>();
        switch (kind) {
            case "Delivery" -> {
                Instant at = time(ses.path("delivery").path("timestamp").asText(null), req.receivedAt());
                for (JsonNode r : ses.path("delivery").path("recipients")) {
                    mapper.map(EmailEvents.DELIVERED, snsId + "|" + r.asText(), messageId, r.asText(), at, req.receivedAt(), Map.of(), null, null, null).ifPresent(out::add);
                }
            }
            case "Bounce" -> {
                JsonNode b = ses.path("bounce");
                Instant at = time(b.path("timestamp").asText(null), req.receivedAt());
                for (JsonNode r : b.path("bouncedRecipients")) {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("bounce_type", "Permanent".equals(b.path("bounceType").asText()) ? "hard" : "soft");
                    extra.put("status", r.path("status").asText(null));
                    extra.put("reason", r.path("diagnosticCode").asText(b.path("bounceSubType").asText(null)));
                    String email = r.path("emailAddress").asText();
                    mapper.map(EmailEvents.BOUNCED, snsId + "|" + email, messageId, email, at, req.receivedAt(), extra, null, null, null).ifPresent(out::add);
                }
            }
            case "Complaint" -> {
                Instant at = time(ses.path("complaint").path("timestamp").asText(null), req.receivedAt());
                for (JsonNode r : ses.path("complaint").path("complainedRecipients")) {
                    String email = r.path("emailAddress").asText();
                    mapper.map(EmailEvents.SPAM, snsId + "|" + email, messageId, email, at, req.receivedAt(), Map.of(), null, null, null).ifPresent(out::add);
                }
            }
            case "Open", "Click" -> {
                JsonNode o = ses.path(kind.equals("Open") ? "open" : "click");
                String email = mail.path("destination").path(0).asText(null);
                Map<String, Object> extra = kind.equals("Click") ? Map.of("url", o.path("link").asText("")) : Map.of();
                mapper.map(kind.equals("Open") ? EmailEvents.OPENED : EmailEvents.CLICKED, snsId, messageId, email,
                        time(o.path("timestamp").asText(null), req.receivedAt()), req.receivedAt(), extra,
                        o.path("userAgent").asText(null), o.path("ipAddress").asText(null), null).ifPresent(out::add);
            }
            default -> {
                // Send, Reject, DeliveryDelay, Rendering Failure, Subscription: nothing for segments
            }
        }
        return new WebhookResult.Accepted(out, mapper.unmatched);
    }

    private static Instant time(String s, Instant dflt) {
        if (s == null) return dflt;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return dflt;
        }
    }
}
