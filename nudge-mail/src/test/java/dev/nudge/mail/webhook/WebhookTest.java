package dev.nudge.mail.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nudge.mail.EmailEvents;
import dev.nudge.mail.outbox.InMemoryOutboxStore;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.suppression.InMemorySuppressionStore;
import dev.nudge.mail.suppression.SuppressionReason;
import dev.nudge.mail.testing.FakeTime;
import dev.nudge.mail.tracking.InMemoryMessageStore;
import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.tracking.StoredMessage;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MID = "abcdefghijklmnopqrstuvwxyz@mail.example.com";
    final FakeTime time = new FakeTime(Instant.parse("2026-03-02T09:00:00Z"));
    final InMemoryMessageStore messages = new InMemoryMessageStore();
    final ProfileByEmail byEmail = e -> e.equals("carl@example.org") ? Optional.of("carl") : Optional.empty();

    WebhookTest() {
        messages.put(new StoredMessage(MID, "k1", "ann", "ann@example.org", "c1", null, null, List.of("https://x.example/"), time.instant().minusSeconds(3600)));
    }

    WebhookRequest req(Map<String, String> headers, String body) {
        return new WebhookRequest(headers, body.getBytes(StandardCharsets.UTF_8), "203.0.113.5", time.instant());
    }

    // ---------- SendGrid ----------

    @Test
    void sendgrid_verifiedEventsMapAndBadSignaturesAreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        var hook = new SendGridWebhook(Base64.getEncoder().encodeToString(kp.getPublic().getEncoded()), messages, byEmail,
                MachineDetector.defaults(), time, Duration.ofMinutes(10));
        String body = """
                [{"email":"ann@example.org","timestamp":1772441000,"event":"delivered","sg_event_id":"e1","smtp-id":"<%s>"},
                 {"email":"ann@example.org","timestamp":1772441100,"event":"bounce","type":"bounce","status":"5.1.1","reason":"user unknown","sg_event_id":"e2","smtp-id":"<%s>"},
                 {"email":"ann@example.org","timestamp":1772441200,"event":"open","sg_machine_open":true,"useragent":"Mozilla/5.0","sg_event_id":"e3","smtp-id":"<%s>"},
                 {"email":"carl@example.org","timestamp":1772441300,"event":"click","url":"https://x.example/","useragent":"Mozilla/5.0 (Macintosh) Safari/605","sg_event_id":"e4"},
                 {"email":"dan@example.org","timestamp":1772441300,"event":"spamreport","sg_event_id":"e5"},
                 {"email":"ann@example.org","timestamp":1772441300,"event":"processed","sg_event_id":"e6"}]
                """.formatted(MID, MID, MID);
        String ts = Long.toString(time.instant().getEpochSecond());
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(kp.getPrivate());
        s.update((ts + body).getBytes(StandardCharsets.UTF_8));
        String sig = Base64.getEncoder().encodeToString(s.sign());

        var ok = hook.handle(req(Map.of(SendGridWebhook.SIG, sig, SendGridWebhook.TS, ts), body));
        assertThat(ok).isInstanceOfSatisfying(WebhookResult.Accepted.class, a -> {
            assertThat(a.events()).extracting(e -> e.name()).containsExactly(EmailEvents.DELIVERED, EmailEvents.BOUNCED, EmailEvents.OPENED, EmailEvents.CLICKED);
            assertThat(a.unmatched()).isEqualTo(1); // dan is unknown
            assertThat(a.events().get(0).userId()).isEqualTo("ann");
            assertThat(a.events().get(0).properties()).containsEntry("campaign_id", "c1").containsEntry("message_id", MID);
            assertThat(a.events().get(1).properties()).containsEntry("bounce_type", "hard");
            assertThat(a.events().get(2).properties()).containsEntry("machine", true);
            assertThat(a.events().get(3).userId()).isEqualTo("carl");
            assertThat(a.events().get(3).properties()).containsEntry("machine", false);
        });
        // tampered body, wrong key, stale timestamp, missing headers
        assertThat(hook.handle(req(Map.of(SendGridWebhook.SIG, sig, SendGridWebhook.TS, ts), body.replace("delivered", "open")))).isInstanceOf(WebhookResult.Refused.class);
        KeyPair other = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Signature s2 = Signature.getInstance("SHA256withECDSA");
        s2.initSign(other.getPrivate());
        s2.update((ts + body).getBytes(StandardCharsets.UTF_8));
        assertThat(hook.handle(req(Map.of(SendGridWebhook.SIG, Base64.getEncoder().encodeToString(s2.sign()), SendGridWebhook.TS, ts), body)))
                .isInstanceOfSatisfying(WebhookResult.Refused.class, r -> assertThat(r.status()).isEqualTo(401));
        time.advance(Duration.ofHours(1));
        assertThat(hook.handle(req(Map.of(SendGridWebhook.SIG, sig, SendGridWebhook.TS, ts), body))).isInstanceOf(WebhookResult.Refused.class);
        assertThat(hook.handle(req(Map.of(), body))).isInstanceOf(WebhookResult.Refused.class);
    }

    // ---------- Mailgun ----------

    static String mailgunBody(String key, String ts, String token, String event) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((ts + token).getBytes(StandardCharsets.UTF_8)));
        return """
                {"signature":{"timestamp":"%s","token":"%s","signature":"%s"},
                 "event-data":{"event":"%s","severity":"permanent","recipient":"ann@example.org","timestamp":1772441000.5,"id":"ev-%s",
                   "delivery-status":{"code":550,"description":"mailbox does not exist"},
                   "message":{"headers":{"message-id":"%s"}}}}""".formatted(ts, token, sig, event, token, MID);
    }

    @Test
    void mailgun_hmacVerifiedOnceAndBadSignatureRefused() throws Exception {
        var hook = new MailgunWebhook("key-mailgun-signing", messages, byEmail, MachineDetector.defaults(), time, Duration.ofMinutes(10));
        String ts = Long.toString(time.instant().getEpochSecond());
        String body = mailgunBody("key-mailgun-signing", ts, "tok1", "failed");
        assertThat(hook.handle(req(Map.of(), body))).isInstanceOfSatisfying(WebhookResult.Accepted.class, a -> {
            assertThat(a.events()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo(EmailEvents.BOUNCED);
                assertThat(e.properties()).containsEntry("bounce_type", "hard").containsEntry("esp", "mailgun");
            });
        });
        assertThat(hook.handle(req(Map.of(), body))).isInstanceOfSatisfying(WebhookResult.Refused.class, r -> assertThat(r.reason()).contains("replay"));
        assertThat(hook.handle(req(Map.of(), mailgunBody("wrong-key", ts, "tok2", "delivered")))).isInstanceOf(WebhookResult.Refused.class);
        assertThat(hook.handle(req(Map.of(), "not json"))).isInstanceOfSatisfying(WebhookResult.Refused.class, r -> assertThat(r.status()).isEqualTo(400));
    }

    // ---------- Postmark ----------

    @Test
    void postmark_basicAuthRequired() {
        var hook = new PostmarkWebhook("nudge", "a-long-password-123", messages, byEmail, MachineDetector.defaults());
        String body = "{\"RecordType\":\"SpamComplaint\",\"Email\":\"ann@example.org\",\"BouncedAt\":\"2026-03-02T08:00:00Z\",\"MessageID\":\"pm-1\",\"Metadata\":{\"nudge_message_id\":\"" + MID + "\"}}";
        String good = "Basic " + Base64.getEncoder().encodeToString("nudge:a-long-password-123".getBytes(StandardCharsets.UTF_8));
        assertThat(hook.handle(req(Map.of("Authorization", good), body))).isInstanceOfSatisfying(WebhookResult.Accepted.class,
                a -> assertThat(a.events()).extracting(e -> e.name()).containsExactly(EmailEvents.SPAM));
        String bad = "Basic " + Base64.getEncoder().encodeToString("nudge:guess".getBytes(StandardCharsets.UTF_8));
        assertThat(hook.handle(req(Map.of("Authorization", bad), body))).isInstanceOf(WebhookResult.Refused.class);
        assertThat(hook.handle(req(Map.of(), body))).isInstanceOf(WebhookResult.Refused.class);
    }

    // ---------- SES via SNS ----------

    record Signer(PrivateKey key, X509Certificate cert) {
    }

    /** A real self-signed RSA certificate, made with the JDK's keytool (no AWS access in tests). */
    static Signer selfSigned(Path dir) throws Exception {
        Path ks = dir.resolve("sns.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sns.amazonaws.com", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool: %s", out).isZero();
        KeyStore k = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(ks.toFile())) {
            k.load(in, "changeit".toCharArray());
        }
        return new Signer((PrivateKey) k.getKey("sns", "changeit".toCharArray()), (X509Certificate) k.getCertificate("sns"));
    }

    static ObjectNode signed(Signer signer, ObjectNode m, List<String> fields) throws Exception {
        StringBuilder c = new StringBuilder();
        for (String f : fields) if (m.has(f)) c.append(f).append('\n').append(m.get(f).asText()).append('\n');
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(signer.key());
        s.update(c.toString().getBytes(StandardCharsets.UTF_8));
        m.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
        return m;
    }

    @Test
    void ses_subscriptionConfirmationAndSignedBounceAndForgeriesRefused(@TempDir Path dir) throws Exception {
        Signer signer = selfSigned(dir);
        String topic = "arn:aws:sns:eu-west-1:123456789012:ses-events";
        String certUrl = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem";
        var fetched = new java.util.ArrayList<String>();
        CertificateFetcher fetcher = url -> {
            fetched.add(url.toString());
            return signer.cert();
        };
        var hook = new SesSnsWebhook(fetcher, Set.of(topic), messages, byEmail, MachineDetector.defaults());
        var outbox = new InMemoryOutboxStore();
        outbox.enqueue(OutboxEntry.queued(SendIntent.of("k1", "promo", "ann", time.instant())));
        outbox.compareAndSet("k1", OutboxStatus.QUEUED, outbox.get("k1").orElseThrow().with(OutboxStatus.SENT, "250", time.instant()));

        ObjectNode sub = JSON.createObjectNode().put("Type", "SubscriptionConfirmation").put("MessageId", "m-1").put("Token", "tok")
                .put("TopicArn", topic).put("Message", "You have chosen to subscribe...")
                .put("SubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=tok")
                .put("Timestamp", "2026-03-02T08:59:00.000Z").put("SignatureVersion", "2").put("SigningCertURL", certUrl);
        signed(signer, sub, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"));
        assertThat(hook.handle(req(Map.of(), sub.toString()))).isInstanceOfSatisfying(WebhookResult.ConfirmSubscription.class,
                c -> assertThat(c.subscribeUrl()).startsWith("https://sns.eu-west-1.amazonaws.com/"));

        String sesBounce = JSON.writeValueAsString(Map.of("notificationType", "Bounce",
                "bounce", Map.of("bounceType", "Permanent", "timestamp", "2026-03-02T08:58:00Z",
                        "bouncedRecipients", List.of(Map.of("emailAddress", "ann@example.org", "status", "5.1.1", "diagnosticCode", "smtp; 550 5.1.1 user unknown"))),
                "mail", Map.of("commonHeaders", Map.of("messageId", "<" + MID + ">"), "destination", List.of("ann@example.org"))));
        ObjectNode note = JSON.createObjectNode().put("Type", "Notification").put("MessageId", "m-2").put("TopicArn", topic)
                .put("Message", sesBounce).put("Timestamp", "2026-03-02T08:59:30.000Z").put("SignatureVersion", "2").put("SigningCertURL", certUrl);
        signed(signer, note, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"));
        var r = hook.handle(req(Map.of(), note.toString()));
        assertThat(r).isInstanceOfSatisfying(WebhookResult.Accepted.class, a -> {
            assertThat(a.events()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo(EmailEvents.BOUNCED);
                assertThat(e.userId()).isEqualTo("ann");
                assertThat(e.properties()).containsEntry("bounce_type", "hard").containsEntry("status", "5.1.1");
            });
            // feedback: suppression and outbox status follow
            var sup = new InMemorySuppressionStore();
            var fb = new DeliveryFeedback(sup, outbox, messages, time);
            a.events().forEach(fb::apply);
            assertThat(sup.find("ann@example.org")).extracting(x -> x.reason()).containsExactly(SuppressionReason.HARD_BOUNCE);
            assertThat(outbox.get("k1").orElseThrow().status()).isEqualTo(OutboxStatus.BOUNCED);
        });

        // tampered message: signature fails
        ObjectNode tampered = note.deepCopy().put("Message", sesBounce.replace("ann@example.org", "bob@example.org"));
        assertThat(hook.handle(req(Map.of(), tampered.toString()))).isInstanceOfSatisfying(WebhookResult.Refused.class, x -> assertThat(x.status()).isEqualTo(401));
        // certificate hosted elsewhere: refused before anything is fetched
        int before = fetched.size();
        ObjectNode evilCert = note.deepCopy().put("SigningCertURL", "https://evil.example.com/cert.pem");
        assertThat(hook.handle(req(Map.of(), evilCert.toString()))).isInstanceOf(WebhookResult.Refused.class);
        ObjectNode lookalike = note.deepCopy().put("SigningCertURL", "https://sns.eu-west-1.amazonaws.com.evil.example/c.pem");
        assertThat(hook.handle(req(Map.of(), lookalike.toString()))).isInstanceOf(WebhookResult.Refused.class);
        ObjectNode s3 = note.deepCopy().put("SigningCertURL", "https://sns.s3.amazonaws.com/attacker-bucket/cert.pem"); // anyone can host a file there
        assertThat(hook.handle(req(Map.of(), s3.toString()))).isInstanceOfSatisfying(WebhookResult.Refused.class,
                x -> assertThat(x.reason()).contains("sns.<region of the topic>.amazonaws.com"));
        assertThat(fetched).hasSize(before);
        // a topic nobody configured
        ObjectNode otherTopic = note.deepCopy().put("TopicArn", "arn:aws:sns:eu-west-1:999:other");
        assertThat(hook.handle(req(Map.of(), otherTopic.toString()))).isInstanceOfSatisfying(WebhookResult.Refused.class, x -> assertThat(x.status()).isEqualTo(403));
        assertThat(hook.handle(req(Map.of(), "{\"Type\":\"Weird\"}"))).isInstanceOf(WebhookResult.Refused.class);
        assertThat(Files.exists(dir.resolve("sns.p12"))).isTrue();
    }

    @Test
    void ses_signingCertUrl_mustBeTheSnsHostOfTheTopicsRegion() {
        String topic = "arn:aws:sns:eu-west-1:123456789012:ses-events";
        assertThat(SesSnsWebhook.snsUrl("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem", topic, true)).isTrue();
        assertThat(SesSnsWebhook.snsUrl("https://sns.us-gov-west-1.amazonaws.com/c.pem", "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t", true)).isTrue();
        assertThat(SesSnsWebhook.snsUrl("https://sns.cn-north-1.amazonaws.com.cn/c.pem", "arn:aws-cn:sns:cn-north-1:123456789012:t", true)).isTrue();
        for (String bad : List.of(
                "https://sns.s3.amazonaws.com/c.pem",                 // S3 path-style host: anyone's bucket
                "https://sns.us-east-1.amazonaws.com/c.pem",          // another region than the topic's
                "https://sns.amazonaws.com/c.pem",                    // no region
                "https://sns.eu-west-1.amazonaws.com.cn/c.pem",       // China domain for a non-China topic
                "https://sns.eu-west-1.amazonaws.com.evil.example/c.pem",
                "https://sns-eu-west-1.amazonaws.com/c.pem",
                "http://sns.eu-west-1.amazonaws.com/c.pem",           // not https
                "https://sns.eu-west-1.amazonaws.com:8443/c.pem",     // another port
                "https://user@sns.eu-west-1.amazonaws.com/c.pem",     // user info
                "https://sns.eu-west-1.amazonaws.com/c.txt",          // not a .pem
                "https://sns.eu-west-1.amazonaws.com/x?c.pem",
                "not a url")) {
            assertThat(SesSnsWebhook.snsUrl(bad, topic, true)).as(bad).isFalse();
        }
        assertThat(SesSnsWebhook.snsUrl("https://sns.cn-north-1.amazonaws.com/c.pem", "arn:aws-cn:sns:cn-north-1:123456789012:t", true))
                .as("China topic needs .com.cn").isFalse();
    }
}
