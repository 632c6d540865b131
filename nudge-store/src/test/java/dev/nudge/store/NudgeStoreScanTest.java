package dev.nudge.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's scans, the only code that opens a RocksDB iterator: bounds, direction, early stop and runs. */
class NudgeStoreScanTest {

    private static NudgeStore storeWith(Path dir, String... keys) {
        NudgeStore store = NudgeStore.open(dir);
        try (Txn txn = new Txn(store); WriteOptions wo = new WriteOptions()) {
            txn.begin();
            for (String k : keys) txn.put(Column.STATE, StoreKeys.utf8(k), StoreKeys.utf8("v" + k));
            txn.commitRequest();
            txn.commit(wo);
        }
        return store;
    }

    private static List<String> forward(NudgeStore store, String prefix, String from, int limit) {
        List<String> out = new ArrayList<>();
        store.scan(Column.STATE, StoreKeys.utf8(prefix), from == null ? null : StoreKeys.utf8(from), (k, v) -> {
            assertThat(StoreKeys.string(v)).isEqualTo("v" + StoreKeys.string(k));
            out.add(StoreKeys.string(k));
            return out.size() < limit;
        });
        return out;
    }

    private static List<String> backward(NudgeStore store, String prefix, String atOrBefore, int limit) {
        List<String> out = new ArrayList<>();
        store.scanBackward(Column.STATE, StoreKeys.utf8(prefix), atOrBefore == null ? null : StoreKeys.utf8(atOrBefore), (k, v) -> {
            out.add(StoreKeys.string(k));
            return out.size() < limit;
        });
        return out;
    }

    @Test
    void scan_staysUnderItsPrefix_fromAKey_untilTheVisitorStops(@TempDir Path dir) {
        try (NudgeStore store = storeWith(dir, "a/1", "b/1", "b/2", "b/3", "c/1")) {
            assertThat(forward(store, "b/", null, 99)).containsExactly("b/1", "b/2", "b/3");
            assertThat(forward(store, "b/", "b/2", 99)).containsExactly("b/2", "b/3");
            assertThat(forward(store, "b/", "b/1", 2)).containsExactly("b/1", "b/2");
            assertThat(forward(store, "d/", null, 99)).isEmpty();
        }
    }

    @Test
    void scanBackward_startsAtOrBeforeItsKey_orAtThePrefixEnd(@TempDir Path dir) {
        try (NudgeStore store = storeWith(dir, "a/1", "b/1", "b/2", "b/3", "c/1")) {
            assertThat(backward(store, "b/", null, 99)).containsExactly("b/3", "b/2", "b/1");
            assertThat(backward(store, "b/", "b/2", 99)).containsExactly("b/2", "b/1");
            assertThat(backward(store, "b/", "b/25", 1)).containsExactly("b/2");
            assertThat(backward(store, "c/", null, 99)).containsExactly("c/1");
            assertThat(backward(store, "0/", null, 99)).isEmpty();
        }
    }

    @Test
    void scanKeys_visitsKeysOnly(@TempDir Path dir) {
        try (NudgeStore store = storeWith(dir, "a/1", "b/1", "b/2")) {
            List<String> keys = new ArrayList<>();
            store.scanKeys(Column.STATE, StoreKeys.utf8("b/"), k -> keys.add(StoreKeys.string(k)));
            assertThat(keys).containsExactly("b/1", "b/2");
        }
    }

    @Test
    void scanRuns_visitsEachPrefixInTurn_skippingRowsBetween(@TempDir Path dir) {
        try (NudgeStore store = storeWith(dir, "a/1", "b/1", "b/2", "bb/1", "c/1", "d/1", "d/2")) {
            List<String> seen = new ArrayList<>();
            store.scanRuns(Column.STATE, List.of(StoreKeys.utf8("b/"), StoreKeys.utf8("c0"), StoreKeys.utf8("d/")),
                    (run, k, v) -> seen.add(run + ":" + StoreKeys.string(k)));
            assertThat(seen).containsExactly("0:b/1", "0:b/2", "2:d/1", "2:d/2");
        }
    }
}
