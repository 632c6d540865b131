package dev.nudge.bench.ingest;

import dev.nudge.bench.support.Scratch;
import dev.nudge.bench.suite.SuiteResults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable ingest through {@code POST /v1/batch}, measured from a client in this process against a
 * server in another: first the {@link NullIngestServer} (HTTP + JSON tokenizing only: the ceiling),
 * then a real {@code nudge serve} on a fresh data folder (validation, identity, dedupe, RocksDB
 * group commit with WAL fsync). Prints events/s and p50/p99 batch latency for both, and the ratio.
 *
 * <pre>
 * ./mvnw -q -pl nudge-bench -am package -DskipTests
 * java -cp "nudge-bench/target/nudge-bench.jar:nudge-bench/target/lib/*" dev.nudge.bench.ingest.IngestBenchmark \
 *      --events 1000000 --batch 500 --concurrency 8 --profiles 100000
 * </pre>
 */
public final class IngestBenchmark {
    record Result(String target, long events, double seconds, double p50ms, double p99ms) {
        double rate() {
            return events / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        long events = arg(args, "--events", 500_000);
        int batch = (int) arg(args, "--batch", 500);
        int concurrency = (int) arg(args, "--concurrency", 8);
        int profiles = (int) arg(args, "--profiles", 100_000);
        Path work = Files.createTempDirectory("nudge-ingest-bench");
        List<Result> results = new ArrayList<>();
        try {
            results.add(measure("null endpoint (tokenize only)", List.of(NullIngestServer.class.getName()), work, events, batch, concurrency, profiles, false));
            results.add(measure("nudge serve (durable)", List.of("dev.nudge.server.cli.Main", "serve", "--data", work.resolve("data").toString()),
                    work, events, batch, concurrency, profiles, true));
        } finally {
            Scratch.delete(work); // the server's data folder: hundreds of MB per run
        }
        System.out.printf(Locale.ROOT, "%n%-32s %12s %10s %10s %10s%n", "target", "events/s", "p50 ms", "p99 ms", "seconds");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-32s %,12.0f %10.1f %10.1f %10.1f%n", r.target(), r.rate(), r.p50ms(), r.p99ms(), r.seconds());
        }
        SuiteResults.record("ingest", "durable_events_per_s", profiles, results.get(1).rate(), "events/s");
        SuiteResults.record("ingest", "tokenize_only_ceiling_events_per_s", profiles, results.get(0).rate(), "events/s");
        SuiteResults.record("ingest", "durable_batch_p99_ms", profiles, results.get(1).p99ms(), "ms");
        System.out.printf(Locale.ROOT, "durable / ceiling = %.2f   (events=%d batch=%d concurrency=%d profiles=%d cores=%d)%n",
                results.get(1).rate() / results.get(0).rate(), events, batch, concurrency, profiles, Runtime.getRuntime().availableProcessors());
    }

    private static Result measure(String name, List<String> mainAndArgs, Path work, long events, int batch, int concurrency,
                                  int profiles, boolean nudge) throws Exception {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
        cmd.add(mainAndArgs.get(0));
        cmd.addAll(mainAndArgs.subList(1, mainAndArgs.size()));
        if (nudge) cmd.addAll(List.of("--port", Integer.toString(port)));
        else cmd.add(Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(work.resolve(name.replaceAll("\\W+", "_") + ".log").toFile());
        pb.environment().put("NUDGE_WRITE_KEY", "bench-key");
        pb.environment().put("NUDGE_ADMIN_TOKEN", "bench-admin");
        Process server = pb.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(base);
            return run(name, base, events, batch, concurrency, profiles);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    private static Result run(String name, String base, long events, int batch, int concurrency, int profiles) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String auth = "Basic " + Base64.getEncoder().encodeToString("bench-key:".getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create(base + "/v1/batch");
        long batches = events / batch;
        AtomicLong next = new AtomicLong();
        long[] latencies = new long[(int) batches];
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                long b;
                while ((b = next.getAndIncrement()) < batches) {
                    byte[] body = body(b, batch, profiles);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 429) { next.decrementAndGet(); Thread.sleep(5); continue; }
                        if (r.statusCode() != 200) throw new IllegalStateException("HTTP " + r.statusCode());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    latencies[(int) b] = System.nanoTime() - t0;
                }
            }));
        }
        for (Thread t : threads) t.join();
        double secs = (System.nanoTime() - start) / 1e9;
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        return new Result(name, batches * batch, secs, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    /** A batch of realistic track calls with unique messageIds, spread over {@code profiles} users. */
    static byte[] body(long b, int batch, int profiles) {
        StringBuilder sb = new StringBuilder(batch * 220).append("{\"batch\":[");
        for (int i = 0; i < batch; i++) {
            long n = b * batch + i;
            if (i > 0) sb.append(',');
            sb.append("{\"type\":\"track\",\"event\":\"").append(n % 7 == 0 ? "Order Completed" : "Product Viewed")
                    .append("\",\"userId\":\"user-").append((n * 2654435761L) % profiles)
                    .append("\",\"messageId\":\"bench-").append(n)
                    .append("\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"properties\":{\"product_id\":\"p-").append(n % 500)
                    .append("\",\"category\":\"shoes\",\"price\":").append(n % 90 + 10).append("}}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitReady(String base) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server at " + base + " not ready after 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static long arg(String[] args, String name, long def) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return Long.parseLong(args[i + 1].replace("_", ""));
        return def;
    }
}
