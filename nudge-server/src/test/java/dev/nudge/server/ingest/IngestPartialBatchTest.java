package dev.nudge.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One bad message never costs the good ones (DESIGN.md §3): a batch that can be read is answered
 * 200 with its valid messages stored and every refused one listed, each counted in /metrics by code
 * and kept in the rejected-messages log; a single invalid call, and a problem of the whole request,
 * stay a 400.
 */
class IngestPartialBatchTest {
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

    private static long totalEvents(String id) {
        Response r = server.admin("/api/v1/profiles/" + id);
        return r.status() == 404 ? 0 : r.json().get("totalEvents").asLong();
    }

    /** The newest entries of the rejected log. */
    private static JsonNode newestRejected(int n) {
        Response r = server.admin("/api/v1/ingest/rejected?limit=" + n);
        assertThat(r.status()).as("rejected log: %s", r.json()).isEqualTo(200);
        return r.json().get("data");
    }

    private static double metric(String series) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                    .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
            String text = r.body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void partlyInvalidBatch_storesTheValidMessages_andListsTheRest() {
        Response r = server.ingest("/v1/batch", """
                {"batch": [
                  {"type":"track","userId":"pb-1","event":"Fine","messageId":"pb-m1"},
                  {"type":"track","userId":"pb-1","messageId":"pb-m2"},
                  42,
                  {"type":"identify","userId":"pb-1","traits":{"plan":"pro"}},
                  {"type":"track","event":"No Id","timestamp":"yesterday"}
                ]}""");
        assertThat(r.status()).as("body %s", r.json()).isEqualTo(200);
        assertThat(r.json().get("success").asBoolean()).isTrue();
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        JsonNode rejected = r.json().get("rejected");
        assertThat(rejected).hasSize(3);
        assertThat(rejected.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(rejected.get(0).get("messageId").asText()).isEqualTo("pb-m2");
        assertThat(rejected.get(0).get("code").asText()).isEqualTo("missing_event");
        assertThat(rejected.get(0).get("field").asText()).isEqualTo("event");
        assertThat(rejected.get(0).get("error").asText()).contains("needs an \"event\"");
        assertThat(rejected.get(0).has("errors")).as("one problem: no errors list").isFalse();
        assertThat(rejected.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(rejected.get(1).get("messageId").isNull()).as("a message without messageId").isTrue();
        assertThat(rejected.get(1).get("code").asText()).isEqualTo("not_an_object");
        assertThat(rejected.get(1).get("field").isNull()).isTrue();
        assertThat(rejected.get(2).get("index").asInt()).isEqualTo(4);
        assertThat(rejected.get(2).get("errors")).as("every problem of the message").hasSize(2);
        assertThat(rejected.get(2).get("errors").findValuesAsText("code")).containsExactly("missing_id", "invalid_timestamp");

        assertThat(totalEvents("pb-1")).isEqualTo(2);
        assertThat(server.admin("/api/v1/profiles/pb-1").json().get("traits").get("plan").asText()).isEqualTo("pro");
    }

    @Test
    void everyMessageInvalid_isStill200_withAcceptedZero_andAllListed() {
        Response r = server.ingest("/v1/batch", """
                {"batch": [{"type":"track","userId":"pb-2"}, {"type":"nonsense","userId":"pb-2"}]}""");
        assertThat(r.status()).as("body %s", r.json()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isZero();
        assertThat(r.json().get("rejected").findValuesAsText("code")).containsExactly("missing_event", "invalid_type");
        assertThat(totalEvents("pb-2")).isZero();
    }

    @Test
    void oversizedMessageInsideABatch_isRejectedAlone() {
        String big = "z".repeat(40_000);
        Response r = server.ingest("/v1/batch", "{\"batch\": [{\"type\":\"track\",\"userId\":\"pb-3\",\"event\":\"Big\",\"messageId\":\"pb-big\","
                + "\"properties\":{\"p\":\"" + big + "\"}}, {\"type\":\"track\",\"userId\":\"pb-3\",\"event\":\"Small\"}]}");
        assertThat(r.status()).as("body %s", r.json()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        JsonNode rej = r.json().get("rejected").get(0);
        assertThat(rej.get("code").asText()).isEqualTo("too_large");
        assertThat(rej.get("messageId").asText()).isEqualTo("pb-big");
        assertThat(rej.get("error").asText()).contains("32768");
        assertThat(totalEvents("pb-3")).isEqualTo(1);

        // its copy in the log is cut to 2 KB and says so
        JsonNode entry = newestRejected(1).get(0);
        assertThat(entry.get("message_id").asText()).isEqualTo("pb-big");
        assertThat(entry.get("message_truncated").asBoolean()).isTrue();
        assertThat(entry.get("message").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(RejectedEntry.MAX_EXCERPT_BYTES).isGreaterThan(RejectedEntry.MAX_EXCERPT_BYTES - 4);
    }

    @Test
    void rejectedMessages_areCountedInMetrics_onePerMessage_byCode() {
        String series = "nudge_ingest_rejected_total{code=\"missing_group_id\"}";
        double before = metric(series);
        Response r = server.ingest("/v1/batch", """
                {"batch": [{"type":"group","userId":"pb-4"}, {"type":"group","userId":"pb-4"},
                           {"type":"group","userId":"pb-4","groupId":"g1"}, {"type":"group","userId":"pb-4"}]}""");
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(metric(series) - before).isEqualTo(3);
        // a single invalid call counts too
        server.ingest("/v1/group", "{\"userId\":\"pb-4\"}");
        assertThat(metric(series) - before).isEqualTo(4);
    }

    @Test
    void singleInvalidCall_staysA400_andIsLogged() {
        Response r = server.ingest("/v1/track", "{\"userId\":\"pb-5\",\"messageId\":\"pb-single\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("code").asText()).isEqualTo("missing_event");
        assertThat(r.json().get("field").asText()).isEqualTo("event");
        JsonNode entry = newestRejected(1).get(0);
        assertThat(entry.get("message_id").asText()).isEqualTo("pb-single");
        assertThat(entry.get("index").asInt()).isZero();
        assertThat(entry.get("source").get("path").asText()).isEqualTo("/v1/track");
        assertThat(totalEvents("pb-5")).isZero();
    }

    @Test
    void singleInvalidCall_withTheWriteKeyInItsBody_isA400_notA401() {
        // analytics.js sends the key in the body; a bad message must say what is wrong with it, not blame the key
        Response r = server.post("/v1/track", "{\"userId\":\"pb-6\",\"writeKey\":\"" + TestServer.WRITE_KEY + "\"}", null);
        assertThat(r.status()).as("body %s", r.json()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("code").asText()).isEqualTo("missing_event");
        JsonNode entry = newestRejected(1).get(0);
        assertThat(entry.get("message").asText()).as("the key is left out of the copy").doesNotContain(TestServer.WRITE_KEY).contains("pb-6");
        // and without a valid key, nothing about the message is revealed or kept
        Response wrong = server.post("/v1/track", "{\"userId\":\"pb-6b\",\"writeKey\":\"not-a-key\"}", null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(newestRejected(1).get(0).get("message").asText()).doesNotContain("pb-6b");
    }

    @Test
    void problemOfTheWholeBatch_isA400_andNothingIsKeptOrLogged() {
        long logged = newestRejected(1000).size();
        double refused = metric("nudge_ingest_requests_refused_total{code=\"invalid_sent_at\"}");
        Response r = server.ingest("/v1/batch", """
                {"sentAt":"not a date","batch":[{"type":"track","userId":"pb-7","event":"Fine"},{"type":"track","userId":"pb-7"}]}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("sentAt");
        assertThat(totalEvents("pb-7")).isZero();
        assertThat(newestRejected(1000).size()).isEqualTo(logged);
        assertThat(metric("nudge_ingest_requests_refused_total{code=\"invalid_sent_at\"}") - refused).isEqualTo(1);

        assertThat(server.ingest("/v1/batch", "{\"batch\": [{\"type\":\"track\",").status()).isEqualTo(400);
        assertThat(newestRejected(1000).size()).isEqualTo(logged);
    }

    @Test
    void retriedPartialBatch_storesItsValidMessagesOnce() {
        String body = """
                {"batch": [{"type":"track","userId":"pb-8","event":"Fine","messageId":"pb-r1"},{"type":"track","userId":"pb-8"}]}""";
        Response first = server.ingest("/v1/batch", body);
        Response again = server.ingest("/v1/batch", body);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(again.json().get("rejected")).hasSize(1);
        assertThat(totalEvents("pb-8")).isEqualTo(1);
    }
}
