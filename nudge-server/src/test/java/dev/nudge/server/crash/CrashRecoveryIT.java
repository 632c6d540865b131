package dev.nudge.server.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.server.support.ServerProcess;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real {@code nudge serve} with SIGKILL at random moments while concurrent clients ingest,
 * restarts it, and checks that every acknowledged event is present exactly once. Clients re-send
 * unacknowledged batches after each restart with the same messageIds, as a real client retries, so
 * the dedupe path is exercised across crashes too.
 *
 * <p>Rounds: {@code -Dnudge.crash.rounds=N} (default 20); seed: {@code -Dnudge.crash.seed}.
 */
class CrashRecoveryIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int CLIENTS = 4, PROFILES = 40, BATCH = 40;

    @TempDir Path dir;

    record Batch(String body, List<String> messageIds) {}

    @Test
    void killNine_losesNoAcknowledgedEvent_andStoresNoneTwice() throws Exception {
        Assumptions.assumeTrue(ServerProcess.available(), "packaged server jar not found (run through `./mvnw verify`)");
        int rounds = Integer.getInteger("nudge.crash.rounds", 20);
        long seed = Long.getLong("nudge.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<Batch> unacked = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ServerProcess server = new ServerProcess(dir.resolve("data"), dir.resolve("server.log"));
        int[] seq = {0};
        try {
            for (int round = 0; round < rounds; round++) {
                server.start();
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                int r = round;
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    clients.add(Thread.ofPlatform().start(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            Batch b = unacked.poll();
                            if (b == null) b = newBatch("r" + r + "c" + client + "n" + (n++), client);
                            try {
                                HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/batch"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
                                        .POST(HttpRequest.BodyPublishers.ofString(b.body())).build(), HttpResponse.BodyHandlers.ofString());
                                if (resp.statusCode() == 200) acked.addAll(b.messageIds()); else unacked.add(b);
                            } catch (Exception e) {
                                unacked.add(b); // outcome unknown: retry later with the same messageIds
                            }
                        }
                    }));
                }
                Thread.sleep(200 + random.nextInt(1300));
                server.kill9();
                stop.set(true);
                for (Thread t : clients) t.join();
                seq[0]++;
            }
            server.start();
            // drain what is still unacknowledged, so every batch ends acknowledged
            Batch b;
            while ((b = unacked.poll()) != null) {
                HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/batch"))
                        .header("Authorization", TestServer.basic(TestServer.WRITE_KEY))
                        .POST(HttpRequest.BodyPublishers.ofString(b.body())).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(resp.statusCode()).as("seed %d: final retry", seed).isEqualTo(200);
                acked.addAll(b.messageIds());
            }
            Map<String, Integer> stored = storedMessageIds(http, server);
            List<String> missing = acked.stream().filter(id -> !stored.containsKey(id)).limit(10).toList();
            List<String> twice = stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).limit(10).toList();
            assertThat(missing).as("seed %d, %d rounds: acknowledged but missing", seed, rounds).isEmpty();
            assertThat(twice).as("seed %d: stored more than once", seed).isEmpty();
            assertThat(stored.size()).as("seed %d: every stored event was acknowledged", seed).isEqualTo(acked.size());
            assertThat(acked.size()).as("the clients got work done between kills").isGreaterThan(rounds * BATCH);
            System.out.printf("crash test: seed %d, %d rounds, %d acknowledged events, all present exactly once%n", seed, rounds, acked.size());
        } finally {
            server.close();
        }
    }

    private static Batch newBatch(String prefix, int client) {
        StringBuilder sb = new StringBuilder("{\"batch\":[");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            String id = prefix + "-" + i;
            ids.add(id);
            if (i > 0) sb.append(',');
            sb.append("{\"type\":\"track\",\"event\":\"Crash Test\",\"messageId\":\"").append(id)
                    .append("\",\"userId\":\"crash-u").append((client * 13 + i) % PROFILES).append("\",\"properties\":{\"i\":").append(i).append("}}");
        }
        return new Batch(sb.append("]}").toString(), ids);
    }

    private static Map<String, Integer> storedMessageIds(HttpClient http, ServerProcess server) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int p = 0; p < PROFILES; p++) {
            String cursor = null;
            do {
                String url = server.url() + "/api/v1/profiles/crash-u" + p + "/events?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor);
                HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() == 404) break;
                JsonNode page = MAPPER.readTree(resp.body());
                for (JsonNode e : page.get("data")) counts.merge(e.get("messageId").asText(), 1, Integer::sum);
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
        }
        return counts;
    }
}
