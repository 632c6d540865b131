package dev.nudge.server.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.event.Event;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends import chunks to a running server's {@code /v1/batch}, retrying 429/503 as a client should.
 * Chunks are cut into batches within the Segment spec's limits (2,500 messages and 500 KB; this
 * sends at most {@link #SLICE_MESSAGES} and {@link #SLICE_BYTES}). Messages the server refuses come
 * back in its answer's {@code rejected} list and are counted by code, like the import's own.
 */
public final class HttpSink implements Importer.Sink {
    static final int SLICE_MESSAGES = 250;
    /** Below the server's 500 KB batch limit, with room for the envelope. */
    static final int SLICE_BYTES = 450 * 1024;
    private static final byte[] OPEN = "{\"batch\":[".getBytes(StandardCharsets.UTF_8), CLOSE = "]}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI batchUri;
    private final String auth;

    public HttpSink(String baseUrl, String writeKey) {
        this.batchUri = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/batch");
        this.auth = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletableFuture<Importer.Stored> send(List<Map<String, Object>> messages, List<Event> events) throws Exception {
        int[] counts = new int[2];
        Map<String, Long> rejected = new HashMap<>();
        ByteArrayOutputStream slice = new ByteArrayOutputStream();
        int inSlice = 0;
        for (Map<String, Object> m : messages) {
            byte[] json = MAPPER.writeValueAsBytes(m);
            if (json.length + OPEN.length + CLOSE.length > SLICE_BYTES) {
                rejected.merge("too_large", 1L, Long::sum); // no batch could carry it; the server would refuse it too
                continue;
            }
            if (inSlice == SLICE_MESSAGES || slice.size() + 1 + json.length + CLOSE.length > SLICE_BYTES) {
                post(close(slice), counts, rejected);
                slice.reset();
                inSlice = 0;
            }
            slice.write(inSlice == 0 ? OPEN : new byte[] {','});
            slice.write(json);
            inSlice++;
        }
        if (inSlice > 0) post(close(slice), counts, rejected);
        return CompletableFuture.completedFuture(new Importer.Stored(counts[0], counts[1], rejected));
    }

    private static byte[] close(ByteArrayOutputStream slice) {
        slice.writeBytes(CLOSE);
        return slice.toByteArray();
    }

    private void post(byte[] body, int[] counts, Map<String, Long> rejected) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(batchUri).header("Authorization", auth)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JsonNode j = MAPPER.readTree(r.body());
                counts[0] += j.path("accepted").asInt();
                counts[1] += j.path("duplicates").asInt();
                for (JsonNode x : j.path("rejected")) rejected.merge(x.path("code").asText("unknown"), 1L, Long::sum);
                return;
            }
            if ((r.statusCode() == 429 || r.statusCode() == 503) && attempt < 20) {
                Thread.sleep(Math.min(5000, 100L << Math.min(attempt, 6)));
                continue;
            }
            throw new IllegalStateException("the server answered " + r.statusCode() + ": " + r.body());
        }
    }
}
