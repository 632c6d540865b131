package dev.nudge.server.ingest;

import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing of the ingest endpoints (DESIGN.md §15): every mangled body gets a 200 or
 * a 4xx with a JSON error — never a 5xx — and the server keeps serving. Rerun a failure with
 * {@code -Dnudge.fuzz.seed=N}.
 */
class IngestFuzzTest {
    @TempDir Path dir;

    private static final String VALID = "{\"batch\":[{\"type\":\"track\",\"userId\":\"f1\",\"event\":\"Order Completed\",\"messageId\":\"m1\","
            + "\"timestamp\":\"2024-05-01T12:00:00Z\",\"properties\":{\"revenue\":12.5,\"products\":[{\"sku\":\"a\",\"qty\":2}]}},"
            + "{\"type\":\"identify\",\"anonymousId\":\"a1\",\"userId\":\"f1\",\"traits\":{\"email\":\"f@x.io\",\"tags\":[1,true,null]}},"
            + "{\"type\":\"alias\",\"previousId\":\"a2\",\"userId\":\"f1\"},{\"type\":\"page\",\"anonymousId\":\"a3\",\"name\":\"Home\"}],"
            + "\"sentAt\":\"2024-05-01T12:00:05Z\"}";
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e999", "-0", "\"\\u0000\"",
            "\"type\"", "\"batch\"", "\"userId\"", "{\"a\":", "9999999999999999999999", "\"2024-13-45T99:99:99Z\"", "\\", "\uD800"};

    @Test
    void mangledBodies_get200Or4xx_neverA5xx() {
        long seed = Long.getLong("nudge.fuzz.seed", System.nanoTime());
        Random r = new Random(seed);
        int cases = Integer.getInteger("nudge.fuzz.cases", 400);
        try (TestServer server = new TestServer(dir)) {
            for (int i = 0; i < cases; i++) {
                String body = mutate(VALID, r);
                String path = r.nextInt(4) == 0 ? "/v1/" + new String[] {"track", "identify", "page", "alias", "group", "screen"}[r.nextInt(6)] : "/v1/batch";
                Response resp = server.ingest(path, body);
                assertThat(resp.status()).as("seed %d case %d: %s %s -> %s", seed, i, path, body, resp.json()).isIn(200, 400);
                if (resp.status() == 400) {
                    assertThat(resp.json().get("error").asText()).as("seed %d case %d", seed, i).isNotBlank();
                }
            }
            assertThat(server.ingest("/v1/track", "{\"userId\":\"alive\",\"event\":\"Still Serving\"}").status()).isEqualTo(200);
            assertThat(server.admin("/api/v1/profiles/alive").status()).isEqualTo(200);
        }
    }

    private static String mutate(String s, Random r) {
        StringBuilder b = new StringBuilder(s);
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n && b.length() > 0; k++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(5)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, TOKENS[r.nextInt(TOKENS.length)]);
                case 2 -> b.setCharAt(at, (char) (32 + r.nextInt(95)));
                case 3 -> b.setLength(at);
                default -> {
                    int end = Math.min(b.length(), at + r.nextInt(20));
                    b.replace(at, end, TOKENS[r.nextInt(TOKENS.length)]);
                }
            }
        }
        return b.toString();
    }
}
