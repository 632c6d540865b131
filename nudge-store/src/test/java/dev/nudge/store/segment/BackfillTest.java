package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep rebuilds off the writer and stores the results in it; these pin that what it leaves is
 * what a rebuild inside the writer, one profile at a time, would leave — also with live writes racing it.
 */
class BackfillTest {
    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    static final Map<String, String> BEFORE = Map.of("buyers.yaml", """
            id: buyers
            name: Bought
            where:
              event: Order Completed
            """);
    static final Map<String, String> AFTER = Map.of(
            "buyers.yaml", """
                    id: buyers
                    name: Bought twice in 30 days
                    where:
                      event: Order Completed
                      within: 30d
                      count: ">= 2"
                    """,
            "pros.yaml", """
                    id: pros
                    name: Pro plan
                    where:
                      trait: plan
                      equals: pro
                    """,
            "browsers.yaml", """
                    id: browsers
                    name: Viewed then added within an hour
                    where:
                      sequence:
                        - event: Product Viewed
                        - event: Product Added
                          then_within: 1h
                    """);
    static final List<String> NAMES = List.of("Order Completed", "Product Viewed", "Product Added", "Page Viewed");

    @TempDir Path dir;

    @Test
    void run_leavesEveryProfileAsARebuildInTheWriterWould() throws Exception {
        long seed = new Random().nextLong();
        try (Fixture parallel = new Fixture(dir.resolve("parallel"), seed, 600);
             Fixture serial = new Fixture(dir.resolve("serial"), seed, 600)) {
            parallel.install(AFTER);
            Backfill.Progress p = new Backfill(parallel.store, parallel.writer, parallel.runtime, 3).run();
            serial.install(AFTER);
            serial.refreshEachInTheWriter();

            assertThat(p.finished()).isTrue();
            assertThat(p.total()).as("seed %d", seed).isEqualTo(serial.ids().size());
            assertThat(differences(parallel.stateRows(), serial.stateRows())).as("seed %d", seed).isEmpty();
            assertThat(parallel.stateRows().keySet()).as("seed %d: some profile must be in a new segment", seed)
                    .anyMatch(k -> k.startsWith("m/") && k.contains("pros"));
        }
    }

    @Test
    void run_withLiveEventsRacingTheSweep_endsAsTheSameEventsAppliedBeforeASerialSweep() throws Exception {
        long seed = new Random().nextLong();
        try (Fixture raced = new Fixture(dir.resolve("raced"), seed, 800);
             Fixture serial = new Fixture(dir.resolve("serial"), seed, 800)) {
            raced.install(AFTER);
            CompletableFuture<Backfill.Progress> sweep = CompletableFuture.supplyAsync(() -> new Backfill(raced.store, raced.writer, raced.runtime, 2).run());
            Random r = new Random(seed ^ 1);
            List<Event> live = new ArrayList<>();
            for (int i = 0; i < 400; i++) live.add(raced.event(r, "live-" + i, "u" + r.nextInt(800)));
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (Event e : live) acks.add(raced.writer.submit(List.of(e)));
            acks.forEach(CompletableFuture::join);
            sweep.join();

            serial.install(AFTER);
            serial.writer.submit(live).join();
            serial.refreshEachInTheWriter();

            assertThat(differences(raced.currentRows(), serial.currentRows())).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void applyRebuilt_whenTheProfileChangedAfterTheRead_rebuildsAgainInTheWriter() throws Exception {
        try (Fixture f = new Fixture(dir, 7, 20)) {
            f.install(AFTER);
            String id = f.ids().get(0);
            byte[] prefix = StoreKeys.eventPrefix(id);
            StoredProfiles.Stored read = StoredProfiles.read(f.store, List.of(prefix)).get(0);
            SegmentRuntime.Rebuilt stale = f.runtime.rebuildStored(read).orElseThrow();
            // traits changed by an admin edit, not by an event: no hook ran, the state is still the old catalog's
            f.writer.submitWorkUnchecked(txn -> {
                txn.putProfile(txn.profile(id).withTraits(Map.of("plan", "pro")));
                return null;
            }).join();
            var redone = new java.util.concurrent.atomic.LongAdder();
            f.writer.submitWorkUnchecked(txn -> f.runtime.applyRebuilt(txn, stale, redone)).join();

            assertThat(redone.sum()).isEqualTo(1);
            assertThat(f.store.get(Column.STATE, StoreKeys.profileMembership(id, "pros"))).isNotNull();
        }
    }

    /** The first rows, by key, whose value differs or that only one side has. */
    static List<String> differences(Map<String, String> actual, Map<String, String> expected) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(actual.keySet());
        keys.addAll(expected.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(actual.get(k), expected.get(k)))
                .limit(10).map(k -> k + ": " + actual.get(k) + " but expected " + expected.get(k)).toList();
    }

    /** A store with {@code profiles} people's random histories ingested under {@link #BEFORE}. */
    static final class Fixture implements AutoCloseable {
        final NudgeStore store;
        final SegmentRuntime runtime;
        final IngestWriter writer;
        final Random random;

        Fixture(Path dir, long seed, int profiles) throws Exception {
            store = NudgeStore.open(dir);
            runtime = new SegmentRuntime(store, InstantSource.fixed(NOW), SegmentEngine.of(SegmentCatalog.parse(BEFORE)));
            writer = new IngestWriter(store, List.of(runtime), 1_000_000);
            random = new Random(seed);
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int p = 0; p < profiles; p++) {
                List<Event> events = new ArrayList<>();
                int n = 1 + random.nextInt(12);
                for (int i = 0; i < n; i++) events.add(event(random, "e" + p + "-" + i, "u" + p));
                if (random.nextInt(3) == 0) {
                    Instant at = NOW.minusSeconds(random.nextInt(86_400 * 60));
                    events.add(new Event("id" + p, EventType.IDENTIFY, "u" + p, null, null, Map.of(),
                            Map.of("plan", random.nextBoolean() ? "pro" : "free"), Map.of(), at, at, null, null));
                }
                all.add(writer.submit(events));
            }
            all.forEach(CompletableFuture::join);
        }

        Event event(Random r, String messageId, String user) {
            Instant at = NOW.minusSeconds(r.nextInt(86_400 * 60));
            return Event.track(messageId, user, NAMES.get(r.nextInt(NAMES.size())), Map.of(), at);
        }

        void install(Map<String, String> catalog) {
            runtime.install(SegmentEngine.of(SegmentCatalog.parse(catalog)));
        }

        /** The sweep as it was before it read off the writer: one profile at a time, inside the writer. */
        void refreshEachInTheWriter() {
            for (String id : ids()) writer.submitWorkUnchecked(txn -> runtime.refresh(txn, id)).join();
        }

        List<String> ids() {
            List<String> ids = new ArrayList<>();
            store.scan(Column.PROFILES, new byte[0], (k, v) -> ids.add(StoreKeys.string(k)));
            return ids;
        }

        /** States, timers and memberships: what a profile is now, whatever order its changes came in. */
        Map<String, String> currentRows() {
            Map<String, String> rows = new TreeMap<>(stateRows());
            rows.keySet().removeIf(k -> k.startsWith("x/"));
            return rows;
        }

        /**
         * STATE rows that do not depend on the order transitions were logged in (states, timers,
         * memberships), plus each profile's transitions without their sequence numbers.
         */
        Map<String, String> stateRows() {
            Map<String, String> rows = new TreeMap<>();
            store.scan(Column.STATE, new byte[0], (k, v) -> {
                String key = printable(k);
                if (key.startsWith("h/") || key.startsWith("ph/") || key.startsWith("wc/")) return;
                if (key.startsWith("x/")) {
                    var t = StoredTransition.fromBytes(v).transition();
                    rows.merge("x/" + t.profileId() + "/" + t.segmentId() + "/" + t.kind() + "/" + t.at() + "/" + t.cause(), "1",
                            (a, b) -> String.valueOf(Integer.parseInt(a) + 1));
                } else {
                    rows.put(key, java.util.HexFormat.of().formatHex(v));
                }
            });
            return rows;
        }

        private static String printable(byte[] k) {
            StringBuilder b = new StringBuilder();
            for (byte x : k) b.append(x >= 32 && x < 127 ? (char) x : ' ');
            return b.toString();
        }

        @Override
        public void close() {
            writer.close();
            store.close();
        }
    }
}
