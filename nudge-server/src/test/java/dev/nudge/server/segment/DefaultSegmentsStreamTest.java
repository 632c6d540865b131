package dev.nudge.server.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A running server with the shipped segments, fed by the official Segment client, reports members and streams transitions. */
class DefaultSegmentsStreamTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir Path dir;

    @Test
    void segmentClientEvents_moveProfilesThroughDefaultSegments_andTheStreamShowsIt() throws Exception {
        try (TestServer server = new TestServer(dir)) {
            List<JsonNode> streamed = new CopyOnWriteArrayList<>();
            CountDownLatch live = new CountDownLatch(1);
            HttpClient http = HttpClient.newHttpClient();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    HttpResponse<java.io.InputStream> resp = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/transitions/stream"))
                            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Accept", "text/event-stream").build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                    BufferedReader r = new BufferedReader(new InputStreamReader(resp.body()));
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith(": live")) live.countDown();
                        if (line.startsWith("data:")) streamed.add(MAPPER.readTree(line.substring(5).trim()));
                    }
                } catch (Exception e) {
                    // stream closed at the end of the test
                }
            });
            assertThat(live.await(10, TimeUnit.SECONDS)).as("stream connected").isTrue();

            CountDownLatch sent = new CountDownLatch(5);
            Analytics analytics = Analytics.builder(TestServer.WRITE_KEY).endpoint(server.url()).callback(new Callback() {
                @Override public void success(Message message) { sent.countDown(); }
                @Override public void failure(Message message, Throwable throwable) { }
            }).build();
            analytics.enqueue(IdentifyMessage.builder().userId("zoe").traits(Map.of("email", "zoe@x.io")));
            analytics.enqueue(PageMessage.builder("Home").userId("zoe"));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId("zoe").properties(Map.of("order_id", "1", "revenue", 600)));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId("zoe").properties(Map.of("order_id", "2", "revenue", 500)));
            analytics.enqueue(PageMessage.builder("Pricing").anonymousId("visitor-9"));
            analytics.flush();
            assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();
            analytics.shutdown();

            JsonNode zoe = server.admin("/api/v1/profiles/zoe/segments").json().get("segments");
            assertThat(zoe.has("repeat-buyers")).isTrue();
            assertThat(zoe.has("vip")).isTrue();
            assertThat(zoe.has("engaged-30d")).isTrue();
            assertThat(zoe.has("first-time-buyers")).isFalse();
            JsonNode members = server.admin("/api/v1/segments/engaged-30d/members").json().get("data");
            assertThat(members.toString()).contains("zoe").contains("visitor-9");

            for (int i = 0; i < 100 && streamed.stream().noneMatch(t -> t.get("segment_id").asText().equals("vip")); i++) Thread.sleep(50);
            List<String> seen = streamed.stream().map(t -> t.get("profile_id").asText() + " " + t.get("kind").asText() + " " + t.get("segment_id").asText()).toList();
            assertThat(seen).contains("zoe entered first-time-buyers", "zoe exited first-time-buyers", "zoe entered repeat-buyers",
                    "zoe entered vip", "zoe entered engaged-30d", "visitor-9 entered engaged-30d");
            // ordered by the log: the exit from first-time-buyers follows its entry
            assertThat(seen.indexOf("zoe exited first-time-buyers")).isGreaterThan(seen.indexOf("zoe entered first-time-buyers"));
            reader.interrupt();
        }
    }
}
