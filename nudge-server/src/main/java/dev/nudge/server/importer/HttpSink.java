package dev.nudge.server.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.event.Event;
import dev.nudge.store.ingest.IngestOutcome;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Sends import chunks to a running server's {@code /v1/batch}, retrying 429/503 as a client should. */
public final class HttpSink implements Importer.Sink {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI batchUri;
    private final String auth;

    public HttpSink(String baseUrl, String writeKey) {
        this.batchUri = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/batch");
        this.auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletableFuture<IngestOutcome> send(List<Map<String, Object>> messages, List<Event> events) throws Exception {
        // the server's batch limits are 2,500 messages and 500 KB: send in slices that fit
        int accepted = 0, dup = 0;
        for (int from = 0; from < messages.size(); from += 250) {
            byte[] body = MAPPER.writeValueAsBytes(Map.of("batch", messages.subList(from, Math.min(messages.size(), from + 250))));
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(batchUri).header("Authorization", auth)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    JsonNode j = MAPPER.readTree(r.body());
                    accepted += j.path("accepted").asInt();
                    dup += j.path("duplicates").asInt();
                    break;
                }
                if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < 20) {
                    Thread.sleep(Math.min(5000, 100L << Math.min(attempt, 6)));
                    continue;
                }
                throw new IllegalStateException("the server answered " + r.statusCode() + ": " + r.body());
            }
        }
        return CompletableFuture.completedFuture(new IngestOutcome(accepted, dup));
    }
}
