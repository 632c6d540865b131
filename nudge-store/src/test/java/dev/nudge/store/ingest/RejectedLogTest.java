package dev.nudge.store.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreHook;
import dev.nudge.store.StoreKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded rejected-messages log over a real RocksDB, written through the real writer. */
class RejectedLogTest {
    @TempDir Path dir;

    private static Event track(String id, String user, String name) {
        return Event.track(id, user, name, Map.of(), Instant.parse("2024-01-01T00:00:00Z"));
    }

    private static List<byte[]> entries(String... names) {
        List<byte[]> out = new ArrayList<>();
        for (String n : names) out.add(StoreKeys.utf8(n));
        return out;
    }

    /** Submits events with rejected entries in the same request, as the HTTP batch path does. */
    private static IngestOutcome submit(IngestWriter writer, RejectedLog log, List<Event> events, List<byte[]> rejected) throws Exception {
        return writer.submitEncoded(events, IngestWriter.encode(events), txn -> log.append(txn, rejected), rejected.size()).get();
    }

    private static List<String> all(RejectedLog log) {
        List<String> out = new ArrayList<>();
        for (RejectedLog.Entry e : log.newestFirst(RejectedLog.MAX_CAPACITY, null).entries()) out.add(StoreKeys.string(e.value()));
        return out;
    }

    private static int storedKeys(NudgeStore store) {
        int[] n = {0};
        store.scan(Column.STATE, StoreKeys.REJECTED_PREFIX, (k, v) -> n[0]++);
        return n[0];
    }

    @Test
    void append_storesEntriesWithTheRequestsEvents_listedNewestFirst() throws Exception {
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            RejectedLog log = new RejectedLog(store, 100);
            IngestOutcome o = submit(writer, log, List.of(track("m1", "u1", "Fine")), entries("a", "b"));
            submit(writer, log, List.of(), entries("c"));
            assertThat(o.accepted()).isEqualTo(1);
            assertThat(store.profile("u1").totalEvents()).isEqualTo(1);
            assertThat(all(log)).containsExactly("c", "b", "a");
            assertThat(log.newestFirst(10, null).entries()).extracting(RejectedLog.Entry::seq).containsExactly(3L, 2L, 1L);
        }
    }

    @Test
    void newestFirst_pagesByCursor_untilNoNextCursor() throws Exception {
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            RejectedLog log = new RejectedLog(store, 100);
            submit(writer, log, List.of(), entries("1", "2", "3", "4", "5"));
            List<String> seen = new ArrayList<>();
            Long cursor = null;
            int pages = 0;
            do {
                RejectedLog.Page p = log.newestFirst(2, cursor);
                p.entries().forEach(e -> seen.add(StoreKeys.string(e.value())));
                cursor = p.nextBefore();
                pages++;
            } while (cursor != null);
            assertThat(seen).containsExactly("5", "4", "3", "2", "1");
            assertThat(pages).isEqualTo(3);
            // a page that ends exactly at the oldest entry says so: no cursor to an empty page
            assertThat(log.newestFirst(5, null).nextBefore()).isNull();
            assertThat(log.newestFirst(4, null).nextBefore()).isEqualTo(2L);
        }
    }

    @Test
    void append_keepsOnlyTheNewestCapacityEntries_acrossRequests() throws Exception {
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            RejectedLog log = new RejectedLog(store, 3);
            submit(writer, log, List.of(), entries("a", "b"));
            submit(writer, log, List.of(), entries("c", "d"));
            assertThat(all(log)).containsExactly("d", "c", "b");
            submit(writer, log, List.of(), entries("e", "f", "g", "h", "i")); // one request over the capacity
            assertThat(all(log)).containsExactly("i", "h", "g");
            assertThat(storedKeys(store)).isEqualTo(3);
        }
    }

    @Test
    void rolledBackRequest_takesItsEntriesWithIt_andLeavesNoGapInTheBound() throws Exception {
        StoreHook poison = (txn, profile, event) -> {
            if (event.name().equals("Poison")) throw new IllegalStateException("hook refused");
        };
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(poison), 100_000)) {
            RejectedLog log = new RejectedLog(store, 4);
            submit(writer, log, List.of(), entries("a", "b", "c"));
            assertThatThrownBy(() -> submit(writer, log, List.of(track("p", "u1", "Poison")), entries("lost-1", "lost-2")))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("hook refused");
            assertThat(all(log)).containsExactly("c", "b", "a");
            submit(writer, log, List.of(), entries("d", "e", "f"));
            // the refused request took no sequence numbers: the next entries follow on, and the bound holds exactly
            assertThat(log.newestFirst(10, null).entries()).extracting(RejectedLog.Entry::seq).containsExactly(6L, 5L, 4L, 3L);
            assertThat(all(log)).containsExactly("f", "e", "d", "c");
            assertThat(storedKeys(store)).isEqualTo(4);
        }
    }

    @Test
    void entries_surviveReopen_andASmallerCapacityTrimsOnTheNextAppend() throws Exception {
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            submit(writer, new RejectedLog(store, 10), List.of(), entries("a", "b", "c", "d", "e", "f"));
        }
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            RejectedLog log = new RejectedLog(store, 2);
            assertThat(all(log)).containsExactly("f", "e", "d", "c", "b", "a");
            submit(writer, log, List.of(), entries("g"));
            assertThat(all(log)).containsExactly("g", "f");
            assertThat(storedKeys(store)).isEqualTo(2);
        }
    }

    @Test
    void removeIf_deletesTheMatchingEntries_andTheBoundStillHolds() throws Exception {
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            RejectedLog log = new RejectedLog(store, 3);
            submit(writer, log, List.of(), entries("keep-1", "erase-1", "keep-2"));
            int removed = writer.submitWork(txn -> log.removeIf(txn, v -> StoreKeys.string(v).startsWith("erase")), 1).get();
            assertThat(removed).isEqualTo(1);
            assertThat(all(log)).containsExactly("keep-2", "keep-1");
            submit(writer, log, List.of(), entries("new-1", "new-2"));
            assertThat(all(log)).containsExactly("new-2", "new-1", "keep-2");
            assertThat(storedKeys(store)).isEqualTo(3);
        }
    }

    @Test
    void capacityZero_keepsNothing_andEmptiesALogKeptBefore() throws Exception {
        try (NudgeStore store = NudgeStore.open(dir); IngestWriter writer = new IngestWriter(store, List.of(), 100_000)) {
            submit(writer, new RejectedLog(store, 10), List.of(), entries("a", "b"));
            RejectedLog off = new RejectedLog(store, 0);
            submit(writer, off, List.of(track("m1", "u1", "Fine")), entries("c"));
            assertThat(all(off)).isEmpty();
            assertThat(storedKeys(store)).isZero();
            assertThat(store.profile("u1").totalEvents()).isEqualTo(1);
        }
    }

    @Test
    void capacityOutOfRange_isRefusedWithTheRange() {
        try (NudgeStore store = NudgeStore.open(dir)) {
            assertThatThrownBy(() -> new RejectedLog(store, RejectedLog.MAX_CAPACITY + 1)).hasMessageContaining("0 to " + RejectedLog.MAX_CAPACITY);
            assertThatThrownBy(() -> new RejectedLog(store, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
