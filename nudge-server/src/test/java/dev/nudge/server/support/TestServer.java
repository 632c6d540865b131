package dev.nudge.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.server.NudgeServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;

/** A real Nudge server on a free port over a temporary data folder, with HTTP helpers for tests. */
public final class TestServer implements AutoCloseable {
    public static final String WRITE_KEY = "test-write-key";
    public static final String ADMIN_TOKEN = "test-admin-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path dir;
    private NudgeServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private final InstantSource clock;
    private final Path segments;
    private final boolean runTimers;
    private final Map<String, String> extraEnv;

    public TestServer(Path dir) {
        this(dir, InstantSource.system(), null, true);
    }

    /** A server on a given clock; with {@code runTimers == false} tests fire timers themselves. */
    public TestServer(Path dir, InstantSource clock, Path segments, boolean runTimers) {
        this(dir, clock, segments, runTimers, Map.of());
    }

    public TestServer(Path dir, InstantSource clock, Path segments, boolean runTimers, Map<String, String> extraEnv) {
        this.extraEnv = extraEnv;
        this.dir = dir;
        this.clock = clock;
        this.segments = segments;
        this.runTimers = runTimers;
        start();
    }

    public void start() {
        server = new NudgeServer(new NudgeServer.Config(dir, "127.0.0.1", 0,
                env(), clock, 200_000, segments, runTimers)).start();
    }

    private Map<String, String> env() {
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.put("NUDGE_WRITE_KEY", WRITE_KEY);
        env.put("NUDGE_ADMIN_TOKEN", ADMIN_TOKEN);
        return env;
    }

    /** Stops and starts again over the same data folder, as a restart would. */
    public void restart() {
        server.close();
        start();
    }

    public NudgeServer server() {
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    public record Response(int status, JsonNode json, Map<String, java.util.List<String>> headers) {}

    public Response post(String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) b.header("Authorization", authorization);
        return send(b.build());
    }

    public Response ingest(String path, String body) {
        return post(path, body, basic(WRITE_KEY));
    }

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build());
    }

    public Response adminPost(String path, String body) {
        return post(path, body, "Bearer " + ADMIN_TOKEN);
    }

    public Response get(String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path)).GET();
        if (authorization != null) b.header("Authorization", authorization);
        return send(b.build());
    }

    public Response admin(String path) {
        return get(path, "Bearer " + ADMIN_TOKEN);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url() + path)).DELETE().header("Authorization", "Bearer " + ADMIN_TOKEN).build());
    }

    public static String basic(String key) {
        return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
    }

    private Response send(HttpRequest r) {
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            JsonNode json = resp.body().isEmpty() ? null : MAPPER.readTree(resp.body());
            return new Response(resp.statusCode(), json, resp.headers().map());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
