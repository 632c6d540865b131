package dev.nudge.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The official Segment Java library, pointed at a running Nudge, is a working client. */
class SegmentClientTest {
    @TempDir Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends the messages through the official client and waits until the server acknowledged all of them. */
    private void send(String writeKey, List<com.segment.analytics.messages.MessageBuilder<?, ?>> messages) throws Exception {
        CountDownLatch done = new CountDownLatch(messages.size());
        AtomicInteger failures = new AtomicInteger();
        List<Throwable> errors = new ArrayList<>();
        Analytics analytics = Analytics.builder(writeKey).endpoint(server.url()).flushQueueSize(250).retries(1)
                .callback(new Callback() {
                    @Override public void success(Message message) { done.countDown(); }
                    @Override public void failure(Message message, Throwable throwable) {
                        failures.incrementAndGet();
                        synchronized (errors) { errors.add(throwable); }
                        done.countDown();
                    }
                }).build();
        for (var m : messages) analytics.enqueue(m);
        analytics.flush();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("client callbacks").isTrue();
        analytics.shutdown();
        assertThat(failures.get()).as("failed sends: %s", errors).isZero();
    }

    @Test
    void officialClient_allCallTypes_landOnTheRightProfiles() throws Exception {
        send(TestServer.WRITE_KEY, List.of(
                PageMessage.builder("Pricing").anonymousId("anon-1").properties(Map.of("path", "/pricing")),
                TrackMessage.builder("Product Viewed").anonymousId("anon-1").properties(Map.of("sku", "SKU-1", "price", 12.5)),
                IdentifyMessage.builder().userId("user-1").anonymousId("anon-1")
                        .traits(Map.of("email", "Ada@Example.com", "plan", "pro")),
                ScreenMessage.builder("Home").userId("user-1"),
                GroupMessage.builder("acme").userId("user-1").traits(Map.of("name", "Acme")),
                TrackMessage.builder("Order Completed").userId("user-1").properties(Map.of("order_id", "o-1", "revenue", 42.0)),
                TrackMessage.builder("Signed Up").userId("old-id-7"),
                AliasMessage.builder("old-id-7").userId("user-1")));

        JsonNode p = server.admin("/api/v1/profiles/anon-1").json();
        assertThat(p.get("id").asText()).isEqualTo("user-1");
        assertThat(p.get("anonymousIds").toString()).contains("anon-1");
        assertThat(p.get("userIds").toString()).contains("user-1").contains("old-id-7");
        assertThat(p.get("traits").get("plan").asText()).isEqualTo("pro");
        assertThat(p.get("eventCounts").get("Product Viewed").asInt()).isEqualTo(1);
        assertThat(p.get("eventCounts").get("page").asInt()).isEqualTo(1);
        assertThat(p.get("eventCounts").get("screen").asInt()).isEqualTo(1);
        assertThat(p.get("eventCounts").get("Signed Up").asInt()).isEqualTo(1);
        assertThat(p.get("totalEvents").asInt()).isEqualTo(8);

        JsonNode byEmail = server.admin("/api/v1/profiles?email=ada@example.com").json().get("data");
        assertThat(byEmail).hasSize(1);
        assertThat(byEmail.get(0).get("id").asText()).isEqualTo("user-1");

        JsonNode events = server.admin("/api/v1/profiles/user-1/events?limit=1000").json().get("data");
        assertThat(events).hasSize(8);
        List<String> names = new ArrayList<>();
        for (JsonNode e : events) {
            assertThat(e.get("messageId").asText()).isNotBlank();
            assertThat(e.get("timestamp").asText()).isNotBlank();
            names.add(e.get("type").asText() + ":" + (e.has("event") ? e.get("event").asText() : ""));
        }
        assertThat(names).contains("track:Order Completed", "page:", "screen:", "identify:", "alias:", "group:");
        JsonNode order = null;
        for (JsonNode e : events) if ("Order Completed".equals(e.path("event").asText())) order = e;
        assertThat(order.get("properties").get("revenue").asDouble()).isEqualTo(42.0);
        // the old profile is gone: its id now resolves to the merged one
        assertThat(server.admin("/api/v1/profiles/old-id-7").json().get("id").asText()).isEqualTo("user-1");
    }

    @Test
    void officialClient_largeBatch_everyEventStoredOnce() throws Exception {
        List<com.segment.analytics.messages.MessageBuilder<?, ?>> msgs = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            msgs.add(TrackMessage.builder("Page Scrolled").userId("u-" + (i % 30)).properties(Map.of("i", i)));
        }
        send(TestServer.WRITE_KEY, msgs);
        long total = 0;
        for (int u = 0; u < 30; u++) total += server.admin("/api/v1/profiles/u-" + u).json().get("totalEvents").asLong();
        assertThat(total).isEqualTo(1200);
    }

    /** The official client drops a whole batch answered 4xx; a 200 listing the bad message keeps the good ones. */
    @Test
    void officialClient_batchWithOneInvalidMessage_deliversTheOthers_andTheLogNamesTheLibrary() throws Exception {
        send(TestServer.WRITE_KEY, List.of(
                TrackMessage.builder("Fine").userId("sc-1"),
                TrackMessage.builder("Id Too Long").userId("x".repeat(600)),
                TrackMessage.builder("Also Fine").userId("sc-1")));
        assertThat(server.admin("/api/v1/profiles/sc-1").json().get("totalEvents").asInt()).isEqualTo(2);

        JsonNode entry = server.admin("/api/v1/ingest/rejected").json().get("data").get(0);
        assertThat(entry.get("code").asText()).isEqualTo("invalid_user_id");
        assertThat(entry.get("index").asInt()).isEqualTo(1);
        assertThat(entry.get("message_id").asText()).as("the client's own messageId").isNotBlank();
        assertThat(entry.get("source").get("library").asText()).startsWith("analytics-java/");
        assertThat(entry.get("source").get("user_agent").asText()).containsIgnoringCase("analytics");
    }
}
