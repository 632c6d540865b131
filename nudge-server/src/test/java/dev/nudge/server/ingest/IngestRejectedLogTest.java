package dev.nudge.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET /api/v1/ingest/rejected}: the bounded, durable log of refused messages, newest first,
 * paginated like every admin list, naming where each came from without holding the write key.
 */
class IngestRejectedLogTest {
    @TempDir Path dir;

    /** Sends one batch of {@code n} messages that all lack an event name, tagged by their messageIds. */
    private static void sendInvalid(TestServer server, String tag, int n) {
        StringBuilder b = new StringBuilder("{\"batch\": [");
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(',');
            b.append("{\"type\":\"track\",\"userId\":\"rl-user\",\"messageId\":\"").append(tag).append('-').append(i).append("\"}");
        }
        Response r = server.ingest("/v1/batch", b.append("]}").toString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("rejected")).hasSize(n);
    }

    /** Every entry, following next_cursor page by page. */
    private static List<String> allMessageIds(TestServer server, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Response r = server.admin("/api/v1/ingest/rejected?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).as("body %s", r.json()).isEqualTo(200);
            assertThat(r.json().get("data").size()).isLessThanOrEqualTo(limit);
            r.json().get("data").forEach(e -> ids.add(e.get("message_id").asText()));
            cursor = r.json().get("next_cursor").isNull() ? null : r.json().get("next_cursor").asText();
        } while (cursor != null);
        return ids;
    }

    @Test
    void entry_namesTheProblemAndItsSource_butNotTheWriteKey() {
        Instant now = Instant.parse("2024-06-01T10:00:00Z");
        try (TestServer server = new TestServer(dir, InstantSource.fixed(now), null, true)) {
            server.ingest("/v1/batch", """
                    {"batch": [{"type":"track","userId":"rl-1","event":"Fine"},
                               {"type":"track","userId":"rl-1","messageId":"rl-bad","properties":{"sku":"A-1"},
                                "context":{"library":{"name":"analytics-java","version":"3.5.1"}}}]}""");
            Response r = server.admin("/api/v1/ingest/rejected");
            assertThat(r.status()).isEqualTo(200);
            JsonNode e = r.json().get("data").get(0);
            assertThat(e.get("id").asLong()).isPositive();
            assertThat(e.get("received_at").asText()).isEqualTo(now.toString());
            assertThat(e.get("write_key_id").asText()).isEqualTo(Credentials.publicId(TestServer.WRITE_KEY));
            assertThat(e.get("source").get("path").asText()).isEqualTo("/v1/batch");
            assertThat(e.get("source").get("library").asText()).isEqualTo("analytics-java/3.5.1");
            assertThat(e.get("source").get("user_agent").asText()).startsWith("Java-http-client");
            assertThat(e.get("source").get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(e.get("index").asInt()).isEqualTo(1);
            assertThat(e.get("message_id").asText()).isEqualTo("rl-bad");
            assertThat(e.get("code").asText()).isEqualTo("missing_event");
            assertThat(e.get("field").asText()).isEqualTo("event");
            assertThat(e.get("error").asText()).contains("\"event\"");
            assertThat(e.get("message").asText()).contains("\"sku\":\"A-1\"");
            assertThat(e.get("message_truncated").asBoolean()).isFalse();
            assertThat(r.json().toString()).doesNotContain(TestServer.WRITE_KEY);
            assertThat(r.json().get("next_cursor").isNull()).isTrue();
        }
    }

    @Test
    void listing_isNewestFirst_andPagesUntilNextCursorIsNull() {
        try (TestServer server = new TestServer(dir)) {
            sendInvalid(server, "a", 3);
            sendInvalid(server, "b", 4);
            assertThat(allMessageIds(server, 2)).containsExactly("b-3", "b-2", "b-1", "b-0", "a-2", "a-1", "a-0");
            assertThat(allMessageIds(server, 1000)).hasSize(7);
            assertThat(server.admin("/api/v1/ingest/rejected?limit=7").json().get("next_cursor").isNull()).isTrue();
        }
    }

    @Test
    void log_survivesARestart() {
        try (TestServer server = new TestServer(dir)) {
            sendInvalid(server, "before", 2);
            server.restart();
            sendInvalid(server, "after", 1);
            assertThat(allMessageIds(server, 100)).containsExactly("after-0", "before-1", "before-0");
        }
    }

    @Test
    void log_keepsOnlyTheNewestEntries_itsConfiguredSize() {
        try (TestServer server = new TestServer(dir, InstantSource.system(), null, true, Map.of(RejectedLogSize.ENV, "5"))) {
            sendInvalid(server, "old", 4);
            sendInvalid(server, "new", 3);
            assertThat(allMessageIds(server, 2)).containsExactly("new-2", "new-1", "new-0", "old-3", "old-2");
        }
    }

    @Test
    void badSize_failsTheStart_withWhatToSet() {
        assertThatThrownBy(() -> new TestServer(dir, InstantSource.system(), null, true, Map.of(RejectedLogSize.ENV, "lots")))
                .hasMessageContaining(RejectedLogSize.ENV).hasMessageContaining("0 (keep no rejected messages) to 100000");
    }

    @Test
    void erasingAProfile_removesTheRejectedMessagesNamingItsIds() {
        try (TestServer server = new TestServer(dir)) {
            server.ingest("/v1/batch", """
                    {"batch": [{"type":"identify","userId":"er-1","anonymousId":"er-anon","traits":{"email":"er@x.io"}},
                               {"type":"track","userId":"er-1","messageId":"er-by-user"},
                               {"type":"track","anonymousId":"er-anon","messageId":"er-by-anon"},
                               {"type":"track","userId":"er-2","messageId":"er-other"}]}""");
            assertThat(allMessageIds(server, 100)).containsExactly("er-other", "er-by-anon", "er-by-user");
            JsonNode e = server.admin("/api/v1/ingest/rejected?limit=1").json().get("data").get(0);
            assertThat(e.get("user_id").asText()).isEqualTo("er-2");
            assertThat(server.delete("/api/v1/profiles/er-1").status()).isEqualTo(200);
            assertThat(allMessageIds(server, 100)).containsExactly("er-other");
        }
    }

    @Test
    void listing_needsAnAdminToken_andRefusesACursorItDidNotGive() {
        try (TestServer server = new TestServer(dir)) {
            assertThat(server.get("/api/v1/ingest/rejected", null).status()).isEqualTo(401);
            assertThat(server.get("/api/v1/ingest/rejected", "Bearer " + TestServer.WRITE_KEY).status()).isEqualTo(403);
            Response bad = server.admin("/api/v1/ingest/rejected?cursor=abc");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("error").asText()).contains("next_cursor");
            assertThat(server.admin("/api/v1/ingest/rejected?limit=1001").status()).isEqualTo(400);
        }
    }
}
