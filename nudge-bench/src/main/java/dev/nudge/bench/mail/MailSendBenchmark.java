package dev.nudge.bench.mail;

import dev.nudge.bench.support.Scratch;
import dev.nudge.bench.suite.SuiteResults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.profile.Profile;
import dev.nudge.mail.TokenSigner;
import dev.nudge.mail.outbox.MailSettings;
import dev.nudge.mail.outbox.MessageComposer;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.suppression.InMemorySuppressionStore;
import dev.nudge.mail.template.CompiledTemplate;
import dev.nudge.mail.template.TemplateEngine;
import dev.nudge.mail.template.TemplateLoader;
import dev.nudge.mail.tracking.InMemoryMessageStore;
import dev.nudge.mail.tracking.LinkRewriter;
import dev.nudge.mail.unsubscribe.InMemoryConsentLog;
import dev.nudge.mail.unsubscribe.UnsubscribeService;
import dev.nudge.server.NudgeServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Rendered, tracked messages per second from the real send path of a running server — RocksDB
 * outbox (put-if-absent, QUEUED→SENDING→SENT compare-and-set, each a synced group commit), message
 * store, suppression check, Liquid render, link rewrite, unsubscribe headers, MIME, SMTP pool —
 * into {@link CountingSmtpSink} on loopback, plus the same broadcast into the built-in mail catcher
 * (no SMTP) and compose alone, so the cost split is visible. Prints figures; asserts nothing.
 *
 * <p>The broadcast goes to a segment of a stored population: {@code population} profiles are
 * identified first (default: as many as messages), every k-th of them in the campaign's audience so
 * that about {@code messages} are members — the send reads its recipients' profiles from a store of
 * that size, as a campaign to a slice of a large list does.
 *
 * <pre>
 * ./mvnw -q -pl nudge-bench -am package -DskipTests
 * java -cp "nudge-bench/target/nudge-bench.jar:nudge-bench/target/lib/*" dev.nudge.bench.mail.MailSendBenchmark [messages=20000] [workers=8] [smtp-only|both] [population]
 * </pre>
 */
public final class MailSendBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TEMPLATE = """
            ---
            subject: "Spring sale, {{ profile.first_name }}"
            from: Shop <shop@example.com>
            ---
            <html><body><h1>Hi {{ profile.first_name }}</h1><p>Our spring sale starts today.</p>
            <p><a href="https://shop.example.com/sale?utm_source=nudge">See the sale</a></p>
            <ul><li>Shoes</li><li>Bags</li></ul><p><a href="https://shop.example.com/new">New arrivals</a></p>
            <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p></body></html>
            """;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int population = args.length > 3 ? Integer.parseInt(args[3]) : n;
        if (population < n) throw new IllegalArgumentException("population (" + population + ") must be at least the number of messages (" + n + ")");
        Path tmp = Files.createTempDirectory("nudge-mail-bench");
        Path templates = Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(templates.resolve("sale.liquid"), TEMPLATE);
        System.out.printf("mail send benchmark: %d messages to a segment of %d profiles, %d workers, %d cores, java %s%n", n, population, workers,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        try {
            run(tmp, templates, n, population, workers, args.length > 2 && args[2].equals("smtp-only"));
        } finally {
            Scratch.delete(tmp); // two server data folders
        }
    }

    private static void run(Path tmp, Path templates, int n, int population, int workers, boolean smtpOnly) throws Exception {
        composeOnly(templates, n, population);
        try (CountingSmtpSink sink = new CountingSmtpSink()) {
            Map<String, String> env = env(templates, workers);
            env.put("NUDGE_SMTP_HOST", "127.0.0.1");
            env.put("NUDGE_SMTP_PORT", Integer.toString(sink.port()));
            env.put("NUDGE_SMTP_TLS", "none");
            env.put("NUDGE_SMTP_POOL", Integer.toString(workers));
            broadcast("server -> SMTP sink (RocksDB outbox + MIME + SMTP)", tmp.resolve("smtp"), env, n, population, workers);
            System.out.printf("  sink accepted %d messages, %.1f KB average%n", sink.accepted.get(), sink.bytes.get() / 1024.0 / Math.max(1, sink.accepted.get()));
        }
        if (smtpOnly) return;
        broadcast("server -> mail catcher (RocksDB outbox, no MIME/SMTP)", tmp.resolve("catcher"), env(templates, workers), n, population, workers);
    }

    private static Map<String, String> env(Path templates, int workers) {
        Map<String, String> env = new HashMap<>();
        env.put("NUDGE_WRITE_KEY", "bench-write");
        env.put("NUDGE_ADMIN_TOKEN", "bench-admin");
        env.put("NUDGE_TEMPLATES", templates.toString());
        env.put("NUDGE_BASE_URL", "https://nudge.example.com");
        env.put("NUDGE_MAIL_RATE", "1000000");
        env.put("NUDGE_MAIL_WORKERS", Integer.toString(workers));
        return env;
    }

    /** Stage split of composing one message (1 thread, warmed): what the CPU does per message before SMTP. */
    private static void composeOnly(Path templates, int n, int population) {
        TemplateEngine engine = new TemplateEngine(TemplateLoader.directory(templates));
        Profile p = new Profile("p1", List.of("p1"), List.of(), Map.of("email", "p1@example.org", "first_name", "Pat"),
                Instant.EPOCH, Instant.EPOCH, Map.of());
        MessageComposer composer = standaloneComposer(engine);
        CompiledTemplate t = engine.compile("sale");
        for (int i = 0; i < Math.min(n, 5000); i++) composer.compose(SendIntent.of("w" + i, "sale", "p1", Instant.EPOCH), t, p, "p1@example.org");
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) composer.compose(SendIntent.of("c" + i, "sale", "p1", Instant.EPOCH), t, p, "p1@example.org");
        long nanos = System.nanoTime() - t0;
        report("compose only (render + link rewrite + text part + unsubscribe headers), 1 thread", n, nanos);
        SuiteResults.record("sending", "compose_only_1_thread_messages_per_s", population, n / (nanos / 1e9), "messages/s");
    }

    /**
     * The server's composition (tracking and unsubscribe links signed, opens and clicks tracked) over
     * in-memory stores, for measuring the CPU of a message without a server. Composing reads no store.
     */
    public static MessageComposer standaloneComposer(TemplateEngine engine) {
        TokenSigner signer = new TokenSigner("bench-secret-bench-secret-bench-secret!!".getBytes(StandardCharsets.UTF_8));
        UnsubscribeService unsubscribe = new UnsubscribeService(signer, "https://nudge.example.com", "mail.example.com", new InMemoryMessageStore(),
                id -> Optional.empty(), new InMemorySuppressionStore(), new InMemoryConsentLog());
        return new MessageComposer(engine, new LinkRewriter(signer, "https://nudge.example.com"), unsubscribe,
                new MailSettings("https://nudge.example.com", "mail.example.com", "Shop <shop@example.com>", true, true));
    }

    private static void broadcast(String what, Path data, Map<String, String> env, int n, int population, int workers) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (NudgeServer server = new NudgeServer(new NudgeServer.Config(data, "127.0.0.1", 0, env, InstantSource.system(), 200_000, null, true)).start()) {
            String url = "http://127.0.0.1:" + server.port();
            send(http, url + "/api/v1/segments", """
                    id: spring
                    name: Spring audience
                    where:
                      all:
                        - trait: audience
                          equals: spring
                        - subscribed: email
                    """, "Bearer bench-admin");
            long t0 = System.nanoTime();
            identify(http, url, population, Math.max(1, population / n));
            System.out.printf("  %,d profiles identified in %.1f s%n", population, (System.nanoTime() - t0) / 1e9);
            long commits0 = server.writer().groupCommits();
            t0 = System.nanoTime();
            send(http, url + "/api/v1/broadcasts", "{\"id\":\"bench\",\"template\":\"sale\",\"segment\":\"spring\"}", "Bearer bench-admin");
            JsonNode s;
            while (!"finished".equals((s = MAPPER.readTree(get(http, url + "/api/v1/broadcasts/bench"))).get("status").asText())) {
                if ("failed".equals(s.get("status").asText()) || "paused".equals(s.get("status").asText())) throw new IllegalStateException(s.toString());
                Thread.sleep(50);
            }
            long nanos = System.nanoTime() - t0;
            int sent = s.get("sent").asInt();
            report(what + ", " + workers + " workers", sent, nanos);
            SuiteResults.record("sending", (what.contains("SMTP sink") ? "smtp" : "mail_catcher") + "_messages_per_s", population,
                    sent / (nanos / 1e9), "messages/s");
            if (what.contains("SMTP sink")) SuiteResults.record("sending", "broadcast_messages", population, sent, "messages");
            System.out.printf("  %d group commits for %d messages (%.2f per message)%n", server.writer().groupCommits() - commits0, sent,
                    (server.writer().groupCommits() - commits0) / (double) sent);
        }
    }

    /** Identifies profiles u0..u(population-1), every {@code step}-th in the campaign's audience; 4 requests in flight. */
    private static void identify(HttpClient http, String url, int population, int step) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("bench-write:".getBytes(StandardCharsets.UTF_8));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> pending = new ArrayList<>();
            for (int from = 0; from < population; from += 1000) {
                StringBuilder b = new StringBuilder("{\"batch\":[");
                for (int i = from; i < Math.min(population, from + 1000); i++) {
                    if (i > from) b.append(',');
                    b.append("{\"type\":\"identify\",\"userId\":\"u").append(i).append("\",\"traits\":{\"email\":\"u").append(i)
                            .append("@example.org\",\"first_name\":\"U").append(i).append("\",\"audience\":\"")
                            .append(i % step == 0 ? "spring" : "other").append("\"}}");
                }
                String body = b.append("]}").toString();
                pending.add(pool.submit(() -> {
                    send(http, url + "/v1/batch", body, basic);
                    return null;
                }));
                if (pending.size() >= 16) pending.remove(0).get();
            }
            for (Future<?> f : pending) f.get();
        }
    }

    private static void send(HttpClient http, String url, String body, String auth) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer bench-admin").build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void report(String what, int n, long nanos) {
        System.out.printf("BENCH %-95s %7d msgs in %6.2f s = %7.0f msgs/s%n", what, n, nanos / 1e9, n / (nanos / 1e9));
    }
}
