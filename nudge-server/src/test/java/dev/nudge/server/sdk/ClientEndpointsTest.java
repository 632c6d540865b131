package dev.nudge.server.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.nudge.server.sdk.Http.send;
import static dev.nudge.server.sdk.Http.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoints the browser and mobile libraries call, over real HTTP, with the requests shaped as
 * those libraries shape them (the browser test runs the real analytics.js against the same server).
 * One server for the class: each test uses its own ids.
 */
class ClientEndpointsTest {
    static final String PAGE = "https://shop.example.com";
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

    static String url(String path) {
        return server.url() + path;
    }

    @Test
    void preflight_fromAnyOrigin_answered204WithCorsHeaders_neverCredentials() {
        Http.Answer a = send("OPTIONS", url("/v1/t"), null, "Origin", PAGE,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
        assertThat(a.status()).isEqualTo(204);
        assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
        assertThat(a.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(a.header("Access-Control-Allow-Headers")).isEqualTo("authorization,content-type");
        assertThat(a.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(a.header("Access-Control-Max-Age")).isEqualTo("600");
    }

    @Test
    void shortPaths_textPlainWithTheKeyInTheBody_areStoredAndMerged() {
        String anon = "ajs-anon-1";
        String[][] calls = {
                {"/v1/p", "{\"type\":\"page\",\"anonymousId\":\"" + anon + "\",\"userId\":null,\"name\":\"Home\",\"properties\":{\"path\":\"/\"}}"},
                {"/v1/t", "{\"type\":\"track\",\"anonymousId\":\"" + anon + "\",\"userId\":null,\"event\":\"Product Viewed\",\"properties\":{\"sku\":\"S-1\"}}"},
                {"/v1/s", "{\"type\":\"screen\",\"anonymousId\":\"" + anon + "\",\"name\":\"Cart\"}"},
                {"/v1/i", "{\"type\":\"identify\",\"anonymousId\":\"" + anon + "\",\"userId\":\"short-user\",\"traits\":{\"email\":\"s@example.com\"}}"},
                {"/v1/g", "{\"type\":\"group\",\"anonymousId\":\"" + anon + "\",\"userId\":\"short-user\",\"groupId\":\"acme\"}"},
                {"/v1/a", "{\"type\":\"alias\",\"anonymousId\":\"" + anon + "\",\"userId\":\"short-user\",\"previousId\":\"old-short\"}"},
        };
        for (String[] c : calls) {
            String body = c[1].substring(0, c[1].length() - 1) + ",\"writeKey\":\"" + TestServer.WRITE_KEY + "\",\"sentAt\":\"2030-01-01T00:00:00.000Z\"}";
            Http.Answer a = send("POST", url(c[0]), utf8(body), "Content-Type", "text/plain", "Origin", PAGE);
            assertThat(a.status()).as("%s %s", c[0], a.body()).isEqualTo(200);
            // this key allows any origin, so the wildcard: the page's script can read the answer
            assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(a.header("Access-Control-Expose-Headers")).isEqualTo("Retry-After");
        }
        JsonNode p = server.admin("/api/v1/profiles/" + anon).json();
        assertThat(p.get("id").asText()).isEqualTo("short-user");
        assertThat(p.get("totalEvents").asInt()).isEqualTo(6);
        assertThat(p.get("eventCounts").get("Product Viewed").asInt()).isEqualTo(1);
        assertThat(p.get("eventCounts").get("page").asInt()).isEqualTo(1);
        // the alias's previousId, never seen before, now resolves to the same person
        assertThat(server.admin("/api/v1/profiles/old-short").json().get("id").asText()).isEqualTo("short-user");
    }

    /** analytics-next 1.84 sends the key twice, in the body and as Basic auth; the 400 must reach the page's script. */
    @Test
    void shortPath_invalidMessageFromAPage_400CarriesCorsHeaders() {
        Http.Answer a = send("POST", url("/v1/t"), utf8("{\"type\":\"track\",\"anonymousId\":\"x\",\"writeKey\":\"" + TestServer.WRITE_KEY + "\"}"),
                "Content-Type", "text/plain", "Origin", PAGE, "Authorization", TestServer.basic(TestServer.WRITE_KEY));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.json().get("field").asText()).isEqualTo("event");
        assertThat(a.header("Access-Control-Allow-Origin")).as("a page must be able to read why it was refused").isEqualTo("*");
    }

    @Test
    void shortPath_unknownKeyFromAPage_401Readable() {
        Http.Answer a = send("POST", url("/v1/t"), utf8("{\"anonymousId\":\"x\",\"event\":\"E\",\"writeKey\":\"nope\"}"),
                "Content-Type", "text/plain", "Origin", PAGE);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo(PAGE);
    }

    @Test
    void serverSideRequest_withoutOrigin_getsNoCorsHeaders() {
        Http.Answer a = send("POST", url("/v1/track"), utf8("{\"userId\":\"srv-1\",\"event\":\"E\"}"),
                "Content-Type", "application/json", "Authorization", TestServer.basic(TestServer.WRITE_KEY));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    /** A batch as analytics-kotlin uploads it: gzip, text/plain, Basic auth, {"batch","sentAt","writeKey"}, "userId":"" while anonymous. */
    @Test
    void mobileBatch_onV1b_landsOnTheIdentifiedProfile() {
        String anon = "3f2a9c1e-mobile";
        String ctx = "\"context\":{\"library\":{\"name\":\"analytics-kotlin\",\"version\":\"1.19.1\"},\"device\":{\"model\":\"Pixel 8\"},\"os\":{\"name\":\"Android\",\"version\":\"14\"}}";
        List<String> events = new ArrayList<>();
        events.add("{\"type\":\"screen\",\"name\":\"Home\",\"properties\":{},\"anonymousId\":\"" + anon + "\",\"userId\":\"\",\"messageId\":\"m-1\",\"timestamp\":\"2030-01-01T10:00:00.5Z\"," + ctx + ",\"integrations\":{},\"_metadata\":{\"bundled\":[],\"unbundled\":[],\"bundledIds\":[]}}");
        events.add("{\"type\":\"track\",\"event\":\"Product Added\",\"properties\":{\"sku\":\"P-9\",\"price\":12.5},\"anonymousId\":\"" + anon + "\",\"userId\":\"\",\"messageId\":\"m-2\",\"timestamp\":\"2030-01-01T10:00:01.25Z\"," + ctx + ",\"integrations\":{}}");
        events.add("{\"type\":\"identify\",\"traits\":{\"email\":\"mobile@example.com\"},\"anonymousId\":\"" + anon + "\",\"userId\":\"mobile-user\",\"messageId\":\"m-3\",\"timestamp\":\"2030-01-01T10:00:02.0Z\"," + ctx + ",\"integrations\":{}}");
        events.add("{\"type\":\"track\",\"event\":\"Order Completed\",\"properties\":{\"order_id\":\"o-m\",\"revenue\":12.5},\"anonymousId\":\"" + anon + "\",\"userId\":\"mobile-user\",\"messageId\":\"m-4\",\"timestamp\":\"2030-01-01T10:00:03.0Z\"," + ctx + ",\"integrations\":{}}");
        String body = "{\"batch\":[" + String.join(",", events) + "],\"sentAt\":\"2030-01-01T10:00:04.0Z\",\"writeKey\":\"" + TestServer.WRITE_KEY + "\"}";

        Http.Answer a = send("POST", url("/v1/b"), Http.gzip(body), "Content-Type", "text/plain", "Content-Encoding", "gzip",
                "Authorization", TestServer.basic(TestServer.WRITE_KEY), "User-Agent", "analytics-kotlin/1.19.1");
        assertThat(a.status()).as(a.body()).isEqualTo(200);

        JsonNode p = server.admin("/api/v1/profiles/" + anon).json();
        assertThat(p.get("id").asText()).isEqualTo("mobile-user");
        assertThat(p.get("totalEvents").asInt()).isEqualTo(4);
        assertThat(p.get("email").asText()).isEqualTo("mobile@example.com");
        assertThat(p.get("eventCounts").get("Order Completed").asInt()).isEqualTo(1);
        // a retry of the same batch (the libraries retry on 5xx and timeouts) is counted once
        assertThat(send("POST", url("/v1/b"), Http.gzip(body), "Content-Type", "text/plain", "Content-Encoding", "gzip",
                "Authorization", TestServer.basic(TestServer.WRITE_KEY)).json().get("duplicates").asInt()).isEqualTo(4);
        assertThat(server.admin("/api/v1/profiles/mobile-user").json().get("totalEvents").asInt()).isEqualTo(4);
    }

    @Test
    void settings_pointSegmentIoAtThisServer() {
        Http.Answer a = send("GET", url("/v1/projects/" + TestServer.WRITE_KEY + "/settings"), null, "Origin", PAGE);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo("*");
        JsonNode seg = a.json().get("integrations").get("Segment.io");
        assertThat(seg.get("apiKey").asText()).isEqualTo(TestServer.WRITE_KEY);
        assertThat(seg.get("apiHost").asText()).isEqualTo(server.url().substring("http://".length()) + "/v1");
        assertThat(seg.get("protocol").asText()).isEqualTo("http");
        assertThat(a.json().get("metrics").get("sampleRate").asInt()).isZero();
    }

    @Test
    void settings_unknownKey_404NamesTheKeyAndWhereToFindOne() {
        Http.Answer a = send("GET", url("/v1/projects/not-a-key/settings"), null);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.json().get("error").asText()).contains("not-a-key").contains("nudge keys list");
    }

    @Test
    void analyticsJs_servedAsTheSnippetLoadsIt_withItsChunks() {
        Http.Answer js = send("GET", url("/analytics.js/v1/" + TestServer.WRITE_KEY + "/analytics.min.js"), null);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Content-Type")).startsWith("application/javascript");
        assertThat(js.body()).contains("/analytics-next/bundles/");
        assertThat(send("GET", url("/analytics.js/v1/nope/analytics.min.js"), null).status()).isEqualTo(404);
        Http.Answer chunk = send("GET", url("/analytics-next/bundles/queryString.bundle.34b193ada8fe288d1bd1.js"), null);
        assertThat(chunk.status()).isEqualTo(200);
        assertThat(chunk.header("Cache-Control")).contains("immutable");
        Http.Answer missing = send("GET", url("/analytics-next/bundles/other.bundle.0000.js"), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).contains("1.84.3");
    }
}
