package dev.nudge.server.mail;

import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ESP webhooks through the server: verified over the raw body, a hard bounce suppresses the address, forgeries are refused. */
class EspWebhookRoutesTest {
    private static final String KEY = "key-mailgun-signing-test";
    @TempDir
    Path dir;

    static String mailgun(String key, String ts, String token, String event) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((ts + token).getBytes(StandardCharsets.UTF_8)));
        return """
                {"signature":{"timestamp":"%s","token":"%s","signature":"%s"},
                 "event-data":{"event":"%s","severity":"permanent","recipient":"Gone@Example.org","timestamp":%s.5,"id":"ev-%s",
                   "delivery-status":{"code":550,"description":"mailbox does not exist"},
                   "message":{"headers":{"message-id":"unknown@mail.example.com"}}}}""".formatted(ts, token, sig, event, ts, token);
    }

    @Test
    void mailgun_hardBounceSuppresses_badSignatureAndUnconfiguredEspAreRefused() throws Exception {
        try (TestServer server = new TestServer(dir, InstantSource.system(), null, true, Map.of("NUDGE_MAILGUN_SIGNING_KEY", KEY))) {
            assertThat(server.ingest("/v1/identify", "{\"userId\":\"g\",\"traits\":{\"email\":\"gone@example.org\"}}").status()).isEqualTo(200);
            String ts = Long.toString(System.currentTimeMillis() / 1000);
            Response forged = server.post("/webhooks/mailgun", mailgun("not-the-key", ts, "t1", "failed"), null);
            assertThat(forged.status()).isBetween(400, 403);
            assertThat(server.admin("/api/v1/suppressions?email=gone@example.org").json().get("data")).isEmpty();

            Response ok = server.post("/webhooks/mailgun", mailgun(KEY, ts, "t2", "failed"), null);
            assertThat(ok.status()).as("%s", ok.json()).isEqualTo(200);
            assertThat(ok.json().get("accepted").asInt()).as("%s", ok.json()).isEqualTo(1);
            assertThat(server.admin("/api/v1/suppressions?email=gone@example.org").json().get("data").get(0).get("reason").asText())
                    .isEqualTo("hard_bounce");
            assertThat(server.post("/webhooks/mailgun", mailgun(KEY, ts, "t2", "failed"), null).status()).as("replayed token").isBetween(400, 403);

            Response sendgrid = server.post("/webhooks/sendgrid", "[]", null);
            assertThat(sendgrid.status()).isEqualTo(404);
            assertThat(sendgrid.json().get("error").asText()).contains("NUDGE_SENDGRID_PUBLIC_KEY");
        }
    }
}
