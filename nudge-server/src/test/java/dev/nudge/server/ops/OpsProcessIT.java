package dev.nudge.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.server.support.ServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged {@code nudge serve}, configured through environment variables only: JSON logs and a token-free metrics port. */
class OpsProcessIT {
    @TempDir Path dir;

    @Test
    void serve_takesItsOptionsFromTheEnvironment_logsJson_andServesMetricsOnItsOwnPort() throws Exception {
        Assumptions.assumeTrue(ServerProcess.available(), "needs the packaged jar (mvn verify)");
        int metricsPort;
        try (ServerSocket s = new ServerSocket(0)) {
            metricsPort = s.getLocalPort();
        }
        Path log = dir.resolve("serve.log");
        try (ServerProcess p = new ServerProcess(dir.resolve("data"), log)) {
            p.extraEnv.put("NUDGE_LOG_FORMAT", "json");
            p.extraEnv.put("NUDGE_METRICS_PORT", Integer.toString(metricsPort));
            p.extraEnv.put("NUDGE_METRICS_HOST", "127.0.0.1");
            p.start();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.body()).contains("jvm_memory_used_bytes", "nudge_ingest_queue_depth");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(p.url() + "/metrics")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(401);
        }
        List<String> jsonLines = Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).toList();
        assertThat(jsonLines).as("log lines in %s", log).isNotEmpty();
        ObjectMapper mapper = new ObjectMapper();
        boolean sawMetricsLine = false;
        for (String l : jsonLines) {
            JsonNode n = mapper.readTree(l);
            assertThat(n.has("level") && n.has("loggerName") && n.has("formattedMessage")).as(l).isTrue();
            sawMetricsLine |= n.get("formattedMessage").asText().contains("/metrics (no token on that port)");
        }
        assertThat(sawMetricsLine).isTrue();
    }
}
