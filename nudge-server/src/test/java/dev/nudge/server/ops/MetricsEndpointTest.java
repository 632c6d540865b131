package dev.nudge.server.ops;

import dev.nudge.server.NudgeServer;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointTest {
    @TempDir Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String url, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (auth != null) b.header("Authorization", auth);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_needTheAdminToken_onTheMainPort() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            assertThat(get(s.url() + "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(s.url() + "/metrics", TestServer.basic(TestServer.WRITE_KEY)).statusCode()).isEqualTo(403);
            HttpResponse<String> ok = get(s.url() + "/metrics", "Bearer " + TestServer.ADMIN_TOKEN);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
        }
    }

    @Test
    void scrape_hasJvmHttpIngestEngineAndMailSeries_withLatenciesAsHistograms() throws Exception {
        try (TestServer s = new TestServer(dir)) {
            assertThat(s.ingest("/v1/track", "{\"userId\":\"m1\",\"event\":\"Order Completed\"}").status()).isEqualTo(200);
            assertThat(s.ingest("/v1/track", "{\"userId\":\"m1\",\"event\":\"Order Completed\"}").status()).isEqualTo(200);
            assertThat(s.admin("/api/v1/profiles/m1").status()).isEqualTo(200);
            assertThat(s.admin("/api/v1/profiles/secret-id-42").status()).isEqualTo(404);
            TestServer.Response unknown = s.get("/no/such/path/abc123", null);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("error").asText()).isEqualTo("no such endpoint: GET /no/such/path/abc123");
            assertThat(s.get("/api/v1/profiles/m1", null).status()).isEqualTo(401);
            String text = get(s.url() + "/metrics", "Bearer " + TestServer.ADMIN_TOKEN).body();
            assertThat(text).as("refused by the auth filter before a route ran").contains("route=\"filtered\",status=\"401\"");

            assertThat(text).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
                    "system_cpu_count", "process_uptime_seconds", "disk_free_bytes");
            assertThat(text).contains("http_server_requests_seconds_bucket{", "route=\"/api/v1/profiles/{id}\"", "route=\"/v1/track\"",
                    "route=\"unmatched\"", "status=\"404\"", "method=\"GET\"", "le=\"0.1\"");
            assertThat(text).as("raw paths never become labels").doesNotContain("secret-id-42", "abc123", "/api/v1/profiles/m1\"");
            assertThat(text).contains("nudge_events_accepted_total 2.0", "nudge_ingest_batch_latency_seconds_bucket{",
                    "nudge_store_commit_latency_seconds_bucket{", "nudge_store_commit_events_bucket{", "nudge_ingest_queue_depth",
                    "nudge_store_group_commits_total", "nudge_segment_timer_lateness_seconds_bucket{");
            assertThat(text).containsPattern("nudge_segment_transitions_total\\{[^}]*kind=\"entered\"[^}]*segment=\"repeat-buyers\"[^}]*} 1\\.0");
            assertThat(text).contains("nudge_mail_outbox_depth{status=\"queued\"} 0.0", "nudge_mail_outbox_depth{status=\"sending\"} 0.0",
                    "nudge_mail_handoff_latency_seconds_bucket{");
        }
    }

    @Test
    void metricsPort_servesMetricsWithoutAToken_andNothingElse() throws Exception {
        try (TestServer s = new TestServer(dir, InstantSource.system(), null, true, Map.of(NudgeServer.METRICS_PORT, "0"))) {
            int port = s.server().metricsPort();
            assertThat(port).isPositive().isNotEqualTo(s.server().port());
            HttpResponse<String> r = get("http://127.0.0.1:" + port + "/metrics", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("jvm_memory_used_bytes");
            assertThat(get("http://127.0.0.1:" + port + "/api/v1/profiles", null).statusCode()).isEqualTo(404);
            assertThat(get("http://127.0.0.1:" + port + "/ready", null).statusCode()).isEqualTo(404);
            assertThat(get(s.url() + "/metrics", null).statusCode()).as("the main port still wants the token").isEqualTo(401);
        }
    }
}
