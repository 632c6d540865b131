package dev.nudge.server.segment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.support.MutableClock;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Segments through the running server on a controlled clock: live membership, exact timers, API, backfill. */
class SegmentServerTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    @TempDir Path dir;
    MutableClock clock = new MutableClock(T0);
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private void start(Path segments) {
        server = new TestServer(dir.resolve("data"), clock, segments, false);
    }

    private void track(String user, String event, String props, Instant at) {
        Response r = server.ingest("/v1/track", "{\"userId\":\"" + user + "\",\"event\":\"" + event + "\",\"properties\":" + props
                + ",\"timestamp\":\"" + at + "\"}");
        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
    }

    private List<String> members(String segment) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : server.admin("/api/v1/segments/" + segment + "/members").json().get("data")) out.add(m.get("profile_id").asText());
        return out;
    }

    private List<JsonNode> transitions(String segment) {
        List<JsonNode> out = new ArrayList<>();
        server.admin("/api/v1/segments/" + segment + "/transitions").json().get("data").forEach(out::add);
        return out;
    }

    @Test
    void abandonedCheckout_entersExactlyOneHourLater_unlessTheSameCheckoutCompletes() throws Exception {
        start(null);
        server.ingest("/v1/identify", "{\"userId\":\"amy\",\"traits\":{\"email\":\"amy@x.io\"}}");
        server.ingest("/v1/identify", "{\"userId\":\"bob\",\"traits\":{\"email\":\"bob@x.io\"}}");
        track("amy", "Checkout Started", "{\"checkout_id\":\"c1\"}", T0);
        track("bob", "Checkout Started", "{\"checkout_id\":\"c2\"}", T0);
        clock.advance(Duration.ofMinutes(20));
        track("bob", "Order Completed", "{\"checkout_id\":\"c2\",\"revenue\":30}", clock.instant());
        clock.advance(Duration.ofMinutes(39));
        server.server().timers().runOnce();
        assertThat(members("abandoned-checkout-1h")).isEmpty();

        clock.advance(Duration.ofMinutes(1).plusMillis(300)); // the timer runs a little late, as a real one does
        server.server().timers().runOnce();
        assertThat(members("abandoned-checkout-1h")).containsExactly("amy");
        List<JsonNode> ts = transitions("abandoned-checkout-1h");
        assertThat(ts).hasSize(1);
        assertThat(ts.get(0).get("at").asText()).isEqualTo(T0.plus(Duration.ofHours(1)).toString()); // the due instant, not the firing
        assertThat(ts.get(0).get("cause").asText()).isEqualTo("time");
        assertThat(ts.get(0).get("kind").asText()).isEqualTo("entered");
        assertThat(members("first-time-buyers")).containsExactly("bob");
    }

    @Test
    void memberships_surviveRestart_andTimersStillFire() throws Exception {
        start(null);
        track("cy", "Order Completed", "{\"revenue\":10}", T0);
        assertThat(members("first-time-buyers")).containsExactly("cy");
        server.restart();
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        server.server().timers().runOnce();
        assertThat(members("first-time-buyers")).isEmpty(); // last order older than 30 days
        List<JsonNode> ts = transitions("first-time-buyers");
        assertThat(ts).extracting(t -> t.get("kind").asText()).containsExactly("entered", "exited");
        assertThat(ts.get(1).get("at").asText()).isEqualTo(T0.plus(Duration.ofDays(30)).toString());
    }

    @Test
    void createdSegment_isBackfilledOverHistory_andValidationErrorsNameTheLine() throws Exception {
        start(null);
        for (int i = 0; i < 5; i++) track("u" + i, "Product Viewed", "{\"category\":\"" + (i % 2 == 0 ? "shoes" : "hats") + "\"}", T0);
        Response bad = server.adminPost("/api/v1/segments", "id: shoe-fans\nname: Shoe fans\nwhere:\n  event: Product Viewed\n  where: {category: {equal: shoes}}\n  within: 30\n");
        assertThat(bad.status()).isEqualTo(400);
        String text = bad.json().get("issues").toString();
        assertThat(text).contains("equals").contains("30d");
        assertThat(bad.json().get("issues").get(0).get("line").asInt()).isGreaterThan(0);
        assertThat(server.admin("/api/v1/segments/shoe-fans").status()).isEqualTo(404);

        Response preview = server.adminPost("/api/v1/segments/preview", "id: shoe-fans\nname: Shoe fans\nwhere:\n  event: Product Viewed\n  where: {category: shoes}\n  within: 30d\n");
        assertThat(preview.json().get("matches").asInt()).isEqualTo(3);
        assertThat(server.admin("/api/v1/segments/shoe-fans").status()).as("preview saves nothing").isEqualTo(404);

        Response ok = server.adminPost("/api/v1/segments", "id: shoe-fans\nname: Shoe fans\nwhere:\n  event: Product Viewed\n  where: {category: shoes}\n  within: 30d\n");
        assertThat(ok.status()).as("%s", ok.json()).isEqualTo(201);
        awaitBackfill();
        assertThat(members("shoe-fans")).containsExactlyInAnyOrder("u0", "u2", "u4");
        assertThat(transitions("shoe-fans")).allSatisfy(t -> assertThat(t.get("cause").asText()).isEqualTo("backfill"));
        JsonNode seg = server.admin("/api/v1/segments/shoe-fans").json();
        assertThat(seg.get("size").asInt()).isEqualTo(3);
        assertThat(seg.get("origin").asText()).isEqualTo("api");

        // live events after the backfill use the new segment at once
        track("u1", "Product Viewed", "{\"category\":\"shoes\"}", clock.instant());
        assertThat(members("shoe-fans")).contains("u1");

        assertThat(server.delete("/api/v1/segments/shoe-fans").status()).isEqualTo(200);
        awaitBackfill();
        assertThat(server.admin("/api/v1/segments/shoe-fans").status()).isEqualTo(404);
        // its state is gone: re-creating it starts from an empty history
        long[] left = {0};
        server.server().store().scan(dev.nudge.store.Column.STATE, dev.nudge.store.StoreKeys.historyPrefix("shoe-fans"), (k, v) -> left[0]++);
        for (int i = 0; i < 100 && left[0] > 0; i++) {
            Thread.sleep(20);
            left[0] = 0;
            server.server().store().scan(dev.nudge.store.Column.STATE, dev.nudge.store.StoreKeys.historyPrefix("shoe-fans"), (k, v) -> left[0]++);
        }
        assertThat(left[0]).as("history of the deleted segment").isZero();
        assertThat(server.admin("/api/v1/profiles/u0/segments").json().get("segments").has("shoe-fans")).isFalse();
    }

    @Test
    void segmentsFolder_isLoadedAtStart_andAnInvalidEditKeepsTheLiveCatalog() throws Exception {
        Path segs = Files.createDirectories(dir.resolve("segments"));
        Files.writeString(segs.resolve("big-spenders.yaml"), "id: big-spenders\nname: Big spenders\nwhere:\n  event: Order Completed\n  sum: revenue\n  value: \">= 100\"\n");
        start(segs);
        track("dee", "Order Completed", "{\"revenue\":150}", T0);
        assertThat(members("big-spenders")).containsExactly("dee");
        assertThat(server.admin("/api/v1/segments/big-spenders").json().get("origin").asText()).isEqualTo("folder");

        Files.writeString(segs.resolve("broken.yaml"), "id: broken\nname: Broken\nwhere:\n  segment: nowhere\n");
        server.server().runtime().definitions().reloadFolderLogged();
        assertThat(server.admin("/api/v1/segments/broken").status()).isEqualTo(404);
        assertThat(members("big-spenders")).containsExactly("dee");
    }

    @Test
    void referencedSegment_cannotBeDeleted() {
        start(null);
        server.adminPost("/api/v1/segments", "id: base\nname: Base\nwhere:\n  event: page\n");
        server.adminPost("/api/v1/segments", "id: loyal-base\nname: Loyal base\nwhere:\n  segment: base\n  for: 7d\n");
        Response r = server.delete("/api/v1/segments/base");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("base");
    }

    @Test
    void erasure_removesMembershipsAndEveryTransitionNamingTheProfile_exportShowsThemBefore() {
        start(null);
        track("eve", "Order Completed", "{\"revenue\":10}", T0);
        track("eve", "Order Completed", "{\"revenue\":10}", T0);
        track("fay", "Order Completed", "{\"revenue\":10}", T0);
        JsonNode export = server.admin("/api/v1/profiles/eve/export").json();
        assertThat(export.get("segments").has("repeat-buyers")).isTrue();
        assertThat(export.get("segment_transitions").toString()).contains("first-time-buyers").contains("exited");
        assertThat(export.get("events")).hasSize(2);

        assertThat(server.delete("/api/v1/profiles/eve").status()).isEqualTo(200);
        assertThat(server.admin("/api/v1/profiles/eve").status()).isEqualTo(404);
        assertThat(members("repeat-buyers")).doesNotContain("eve");
        assertThat(transitions("first-time-buyers").toString()).doesNotContain("\"eve\"").contains("\"fay\"");
        assertThat(transitions("repeat-buyers").toString()).doesNotContain("\"eve\"");
    }

    private void awaitBackfill() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (server.admin("/api/v1/segments/backfill").json().get("finished").asBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("backfill did not finish");
    }

}
