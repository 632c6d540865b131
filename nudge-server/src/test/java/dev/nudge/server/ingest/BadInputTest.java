package dev.nudge.server.ingest;

import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad request gets a 4xx that says what to fix, and nothing of it is stored. (A batch whose
 * messages are only partly bad is a 200 that stores the good ones: {@link IngestPartialBatchTest}.)
 */
class BadInputTest {
    @TempDir static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertNothingStoredFor(String id) {
        assertThat(server.admin("/api/v1/profiles/" + id).status()).as("profile %s must not exist", id).isEqualTo(404);
    }

    private static void assert400(Response r, String code, String field) {
        assertThat(r.status()).as("status, body %s", r.json()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isNotBlank();
        assertThat(r.json().get("errors").get(0).get("code").asText()).isEqualTo(code);
        if (field != null) assertThat(r.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void malformedJson_isRefusedWithItsPosition() {
        Response r = server.ingest("/v1/track", "{\"userId\": \"bad-1\", \"event\": \"X\",");
        assert400(r, "malformed_json", null);
        assertThat(r.json().get("error").asText()).contains("line 1");
        assertNothingStoredFor("bad-1");
    }

    @Test
    void wrongTypes_nameTheField() {
        assert400(server.ingest("/v1/track", "{\"userId\": 3.5, \"event\": \"X\"}"), "invalid_user_id", "userId");
        assert400(server.ingest("/v1/track", "{\"userId\": \"bad-2\", \"event\": \"X\", \"properties\": \"no\"}"), "invalid_properties", "properties");
        assert400(server.ingest("/v1/track", "{\"userId\": \"bad-2\", \"event\": 7}"), "invalid_event", "event");
        assert400(server.ingest("/v1/track", "{\"userId\": \"bad-2\", \"event\": \"X\", \"timestamp\": \"yesterday\"}"), "invalid_timestamp", "timestamp");
        assert400(server.ingest("/v1/track", "[1,2]"), "not_an_object", null);
        assertNothingStoredFor("bad-2");
    }

    @Test
    void missingIds_areRefused() {
        Response r = server.ingest("/v1/track", "{\"event\": \"X\"}");
        assert400(r, "missing_id", "userId");
        assertThat(r.json().get("error").asText()).contains("userId or an anonymousId");
        assert400(server.ingest("/v1/alias", "{\"userId\": \"bad-3\"}"), "missing_previous_id", "previousId");
        assertNothingStoredFor("bad-3");
    }

    @Test
    void oversizedCall_isRefused() {
        String big = "x".repeat(33 * 1024);
        Response r = server.ingest("/v1/track", "{\"userId\": \"bad-4\", \"event\": \"X\", \"properties\": {\"p\": \"" + big + "\"}}");
        assert400(r, "too_large", null);
        assertThat(r.json().get("error").asText()).contains("32768");
        assertNothingStoredFor("bad-4");
    }

    @Test
    void oversizedBatch_isRefusedWhole() {
        StringBuilder b = new StringBuilder("{\"batch\": [");
        String pad = "y".repeat(1000);
        for (int i = 0; i < 600; i++) {
            if (i > 0) b.append(',');
            b.append("{\"type\":\"track\",\"userId\":\"bad-5\",\"event\":\"X\",\"properties\":{\"p\":\"").append(pad).append("\"}}");
        }
        assert400(server.ingest("/v1/batch", b.append("]}").toString()), "too_large", null);

        StringBuilder many = new StringBuilder("{\"batch\": [");
        for (int i = 0; i < 2501; i++) {
            if (i > 0) many.append(',');
            many.append("{\"type\":\"track\",\"userId\":\"bad-5\",\"event\":\"X\"}");
        }
        assert400(server.ingest("/v1/batch", many.append("]}").toString()), "batch_too_many", "batch");

        assertNothingStoredFor("bad-5");
    }

    @Test
    void missingOrWrongWriteKey_is401() {
        String body = "{\"userId\": \"bad-7\", \"event\": \"X\"}";
        Response none = server.post("/v1/track", body, null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").asText()).contains("write key");
        assertThat(server.post("/v1/track", body, TestServer.basic("not-a-key")).status()).isEqualTo(401);
        assertThat(server.post("/v1/track", "{\"userId\": \"bad-7\", \"event\": \"X\", \"writeKey\": \"wrong\"}", null).status()).isEqualTo(401);
        assertNothingStoredFor("bad-7");
        // the body's writeKey is accepted when it is right
        assertThat(server.post("/v1/track", "{\"userId\": \"ok-7\", \"event\": \"X\", \"writeKey\": \"" + TestServer.WRITE_KEY + "\"}", null).status()).isEqualTo(200);
    }

    @Test
    void adminTokenOnIngest_andWriteKeyOnAdmin_areRefused() {
        Response r = server.post("/v1/track", "{\"userId\": \"bad-8\", \"event\": \"X\"}", TestServer.basic(TestServer.ADMIN_TOKEN));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).contains("admin token");
        assertNothingStoredFor("bad-8");

        Response w = server.get("/api/v1/profiles/anyone", "Bearer " + TestServer.WRITE_KEY);
        assertThat(w.status()).isEqualTo(403);
        assertThat(w.json().get("error").asText()).contains("write keys can only ingest");
        assertThat(server.get("/api/v1/profiles/anyone", TestServer.basic(TestServer.WRITE_KEY)).status()).isEqualTo(403);
        assertThat(server.get("/api/v1/profiles/anyone", null).status()).isEqualTo(401);
    }

    @Test
    void badPaging_isRefusedWithTheRange() {
        server.ingest("/v1/track", "{\"userId\": \"pg-1\", \"event\": \"X\"}");
        Response r = server.admin("/api/v1/profiles/pg-1/events?limit=5000");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("1 to 1000");
    }
}
