package dev.nudge.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir Path dir;

    @Test
    void transitions_areDeliveredSigned_andRetriedUntilTheReceiverAccepts() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int n = calls.incrementAndGet();
            int status = n <= 2 ? 500 : 200; // the receiver is down for the first two attempts
            if (status == 200) {
                received.add(MAPPER.readTree(body));
                signatures.add(ex.getRequestHeaders().getFirst("X-Nudge-Signature"));
                bodies.add(body);
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        try (TestServer server = new TestServer(dir, InstantSource.system(), null, false, Map.of("NUDGE_WEBHOOKS_ALLOW_PRIVATE", "1"))) {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Response created = server.adminPost("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"segments\":[\"repeat-buyers\"],\"secret\":\"s3cret\"}");
            assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
            server.ingest("/v1/track", "{\"userId\":\"w1\",\"event\":\"Order Completed\"}");
            server.ingest("/v1/track", "{\"userId\":\"w1\",\"event\":\"Order Completed\"}");

            WebhookDispatcher d = server.server().webhooks();
            assertThat(d.runOnce()).isZero(); // receiver fails: nothing delivered, the cursor stays
            assertThat(d.status(created.json().get("id").asText()).consecutiveFailures()).isEqualTo(1);
            // wait out the backoff (1 s, then 2 s) and try again
            for (int i = 0; i < 100 && received.isEmpty(); i++) {
                d.runOnce();
                Thread.sleep(100);
            }
            assertThat(received).hasSize(1);
            JsonNode ts = received.get(0).get("transitions");
            assertThat(ts).hasSize(1); // only the segment asked for
            assertThat(ts.get(0).get("segment_id").asText()).isEqualTo("repeat-buyers");
            assertThat(ts.get(0).get("kind").asText()).isEqualTo("entered");

            String sig = signatures.get(0);
            long t = Long.parseLong(sig.substring(2, sig.indexOf(',')));
            assertThat(sig).endsWith("v1=" + Signature.hmac("s3cret", t, bodies.get(0)));
            assertThat(d.runOnce()).as("delivered once; the cursor moved").isZero();
            String body = new String(bodies.get(0), StandardCharsets.UTF_8);
            assertThat(body).contains("w1");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void webhookToLoopback_isRefused_unlessAllowed() {
        try (TestServer server = new TestServer(dir)) {
            Response r = server.adminPost("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hook\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("error").asText()).contains("loopback or private").contains("NUDGE_WEBHOOKS_ALLOW_PRIVATE");
            assertThat(server.adminPost("/api/v1/webhooks", "{\"url\":\"http://10.1.2.3/hook\"}").status()).isEqualTo(400);
            assertThat(server.adminPost("/api/v1/webhooks", "{\"url\":\"http://[::1]/hook\"}").status()).isEqualTo(400);
            assertThat(server.adminPost("/api/v1/webhooks", "{\"nope\":1}").json().get("field").asText()).isEqualTo("url");
        }
    }

    /** A receiver that is not listening: Java's HttpClient throws a ConnectException whose message is null. */
    @Test
    void failedDelivery_saysWhy_inTheLogAndLastError() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(WebhookDispatcher.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (TestServer server = new TestServer(dir, InstantSource.system(), null, false, Map.of("NUDGE_WEBHOOKS_ALLOW_PRIVATE", "1"))) {
            Response created = server.adminPost("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + closedPort + "/hook\",\"segments\":[\"repeat-buyers\"]}");
            assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
            server.ingest("/v1/track", "{\"userId\":\"w2\",\"event\":\"Order Completed\"}");
            server.ingest("/v1/track", "{\"userId\":\"w2\",\"event\":\"Order Completed\"}");
            WebhookDispatcher d = server.server().webhooks();
            assertThat(d.runOnce()).isZero();
            String lastError = d.status(created.json().get("id").asText()).lastError();
            assertThat(lastError).startsWith("ConnectException").doesNotContain("null");
            assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("delivery failed (ConnectException").doesNotContain("(null)"));
            assertThat(server.admin("/api/v1/webhooks").json().get("data").get(0).get("last_error").asText()).isEqualTo(lastError);
        } finally {
            logger.detachAppender(logs);
        }
    }
}
