package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through the writer: a request that changed a profile's state and then failed must leave the
 * state rows — and the state cache the next requests read — as if it had never run.
 */
class StateCacheRollbackTest {
    static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    static final SegmentCatalog CATALOG = SegmentCatalog.parse(Map.of("buyers.yaml", """
            id: buyers
            name: Bought twice in a day
            where:
              event: Order Completed
              within: 1d
              count: ">= 2"
            """));

    @TempDir Path dir;

    @Test
    void aFailedRequestsStateChanges_leaveNoTrace_inRowsOrCache() throws Exception {
        List<String> withFailure = run(dir.resolve("a"), true);
        List<String> without = run(dir.resolve("b"), false);
        assertThat(withFailure).isEqualTo(without).isNotEmpty();
    }

    private static List<String> run(Path at, boolean withFailingRequest) throws Exception {
        try (NudgeStore store = NudgeStore.open(at)) {
            SegmentRuntime runtime = new SegmentRuntime(store, InstantSource.fixed(T0), SegmentEngine.of(CATALOG));
            try (IngestWriter writer = new IngestWriter(store, List.of(runtime), 100_000)) {
                List<CompletableFuture<?>> all = new ArrayList<>();
                all.add(submit(writer, List.of(order("m1", T0.minusSeconds(100)))));
                if (withFailingRequest) { // enters "buyers" and moves the timer, then fails after its events
                    List<Event> events = List.of(order("m2", T0.minusSeconds(50)), order("m3", T0.minusSeconds(40)));
                    all.add(writer.submitEncoded(events, IngestWriter.encode(events), txn -> {
                        throw new IllegalStateException("poison");
                    }, 0).exceptionally(e -> null));
                }
                all.add(submit(writer, List.of(order("m4", T0.minusSeconds(10)))));
                for (CompletableFuture<?> f : all) f.join();
                // and once more in a later group, so a cached state from the failed request would be read
                submit(writer, List.of(order("m5", T0.minusSeconds(5)))).join();
            }
            List<String> rows = new ArrayList<>();
            for (StoreKeys.Prefix p : List.of(StoreKeys.Prefix.SEGMENT_STATE, StoreKeys.Prefix.DUE, StoreKeys.Prefix.TIMER,
                    StoreKeys.Prefix.PROFILE_MEMBERSHIP, StoreKeys.Prefix.MEMBER)) {
                store.scan(Column.STATE, p.bytes(), (k, v) -> rows.add(HexFormat.of().formatHex(k) + "=" + HexFormat.of().formatHex(v)));
            }
            return rows;
        }
    }

    private static CompletableFuture<?> submit(IngestWriter writer, List<Event> events) throws Exception {
        return writer.submit(events);
    }

    private static Event order(String messageId, Instant at) {
        return Event.track(messageId, "ann", "Order Completed", Map.of(), at);
    }
}
