package dev.nudge.store;

import dev.nudge.core.profile.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Txn must read and write exactly as RocksDB's own indexed write batch did: a group's reads see its
 * earlier writes, a rolled-back request leaves no trace, the commit leaves every key at its last value.
 * Seeded and randomized against a plain model; the seed is in every failure message.
 */
class TxnTest {
    static final Column[] COLUMNS = {Column.STATE, Column.EVENTS, Column.META};

    @Test
    void groupsOfRequestsWithRollbacksLeaveWhatAModelLeaves(@TempDir Path dir) {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        // model: rows as the writer must see them after each group, per column, in bytewise order
        Map<Column, TreeMap<byte[], byte[]>> seen = new HashMap<>();
        for (Column c : COLUMNS) seen.put(c, new TreeMap<>(Arrays::compareUnsigned));
        Map<String, Profile> hot = new HashMap<>();
        try (NudgeStore store = NudgeStore.open(dir); WriteOptions sync = new WriteOptions()) {
            // as the writer pipelines: each group is built over the one before, whose write is still pending
            Txn below = null;
            Map<Column, TreeMap<byte[], byte[]>> belowSeen = null;
            for (int group = 0; group < 30; group++) {
                Txn txn = new Txn(store, hot, below);
                for (int request = 0; request < 8; request++) {
                    Map<Column, TreeMap<byte[], byte[]>> before = copy(seen);
                    txn.begin();
                    for (int op = 0; op < 25; op++) {
                        Column c = COLUMNS[rnd.nextInt(COLUMNS.length)];
                        byte[] key = key(rnd);
                        switch (rnd.nextInt(4)) {
                            case 0, 1 -> {
                                byte[] v = new byte[rnd.nextInt(300)];
                                rnd.nextBytes(v);
                                txn.put(c, key, v);
                                seen.get(c).put(key, v);
                            }
                            case 2 -> {
                                txn.delete(c, key);
                                seen.get(c).remove(key);
                            }
                            default -> {
                                byte[] other = key(rnd);
                                List<byte[]> both = txn.getAll(c, List.of(key, other));
                                assertThat(both.get(0)).as("getAll, seed %d", seed).isEqualTo(seen.get(c).get(key));
                                assertThat(both.get(1)).as("getAll, seed %d", seed).isEqualTo(seen.get(c).get(other));
                                assertThat(txn.get(c, key)).as("get, seed %d", seed).isEqualTo(seen.get(c).get(key));
                            }
                        }
                        byte[] prefix = Arrays.copyOf(key(rnd), 1 + rnd.nextInt(2));
                        assertThat(scan(txn, c, prefix)).as("scan, seed %d", seed)
                                .containsExactlyElementsOf(rows(seen.get(c), prefix));
                    }
                    if (rnd.nextInt(4) == 0) {
                        txn.rollbackRequest();
                        seen = before;
                    } else {
                        txn.commitRequest();
                    }
                }
                txn.prepare();
                if (below != null) {
                    finish(below, sync);
                    txn.forgetBelow();
                    assertStored(store, belowSeen, "after group " + (group - 1) + ", seed " + seed);
                }
                below = txn;
                belowSeen = copy(seen);
            }
            finish(below, sync);
            assertStored(store, belowSeen, "after the last group, seed " + seed);
        }
    }

    @Test
    void aGroupBuiltOverAnUnwrittenOneReadsItsProfiles(@TempDir Path dir) {
        Map<String, Profile> hot = new HashMap<>();
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        try (NudgeStore store = NudgeStore.open(dir); WriteOptions sync = new WriteOptions()) {
            Txn first = new Txn(store, hot);
            Profile ann = Profile.empty("ann", "ann", null).withEventSeen("Order Completed", t);
            first.putProfile(ann);
            first.putProfile(Profile.empty("bob", "bob", null));
            first.prepare();
            Txn second = new Txn(store, hot, first);
            assertThat(second.profile("ann")).isEqualTo(ann);
            assertThat(second.get(Column.PROFILES, StoreKeys.utf8("bob"))).isNotNull();
            second.deleteProfile("bob");
            assertThat(store.profile("ann")).as("nothing is stored before the write").isNull();
            finish(first, sync);
            second.forgetBelow();
            assertThat(hot).containsKeys("ann", "bob");
            assertThat(second.profile("bob")).isNull();
            second.commit(sync);
            assertThat(store.profile("ann")).isEqualTo(ann);
            assertThat(store.profile("bob")).isNull();
            assertThat(hot).containsKey("ann").doesNotContainKey("bob");
        }
    }

    private static void finish(Txn txn, WriteOptions sync) {
        txn.write(sync);
        txn.published();
        txn.close();
    }

    private static void assertStored(NudgeStore store, Map<Column, TreeMap<byte[], byte[]>> model, String when) {
        for (Column c : COLUMNS) {
            assertThat(scan(store, c)).as("stored %s", when).containsExactlyElementsOf(rows(model.get(c), new byte[0]));
        }
    }

    @Test
    void theSerializedBatchIsTheOneRocksDbWouldBuildKeyByKey(@TempDir Path dir) throws RocksDBException {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        try (NudgeStore store = NudgeStore.open(dir)) {
            PendingWrites pending = new PendingWrites();
            List<Object[]> model = new ArrayList<>();
            Map<Column, TreeMap<byte[], byte[]>> last = new HashMap<>();
            for (Column c : Column.values()) last.put(c, new TreeMap<>(Arrays::compareUnsigned));
            for (int i = 0; i < 2_000; i++) {
                Column c = Column.values()[rnd.nextInt(Column.values().length)];
                byte[] k = new byte[1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 400)]; // lengths past one varint byte too
                rnd.nextBytes(k);
                if (rnd.nextInt(5) == 0) {
                    pending.delete(c, k);
                    last.get(c).put(k, PendingWrites.DELETED);
                } else {
                    byte[] v = new byte[rnd.nextInt(rnd.nextBoolean() ? 100 : 20_000)];
                    rnd.nextBytes(v);
                    pending.put(c, k, v);
                    last.get(c).put(k, v);
                }
            }
            int[] ids = new int[Column.values().length];
            for (Column c : Column.values()) ids[c.ordinal()] = store.handle(c).getID();
            try (WriteBatch expected = new WriteBatch()) {
                for (Column c : Column.values()) {
                    ColumnFamilyHandle h = store.handle(c);
                    for (var e : last.get(c).entrySet()) {
                        if (e.getValue() == PendingWrites.DELETED) expected.delete(h, e.getKey());
                        else expected.put(h, e.getKey(), e.getValue());
                    }
                }
                assertThat(pending.serialized(ids)).as("seed %d", seed).isEqualTo(expected.data());
            }
            // the default family (id 0) has no id in its records; ids above 127 take two varint bytes
            int[] odd = new int[ids.length];
            for (int i = 0; i < odd.length; i++) odd[i] = i == 0 ? 0 : 100 + 20 * i;
            List<String> decoded = new ArrayList<>();
            try (WriteBatch parsed = new WriteBatch(pending.serialized(odd))) {
                parsed.iterate(new WriteBatch.Handler() {
                    @Override public void put(int cf, byte[] k, byte[] v) { decoded.add(cf + " put " + Arrays.hashCode(k) + " " + Arrays.hashCode(v)); }
                    @Override public void put(byte[] k, byte[] v) { put(0, k, v); }
                    @Override public void delete(int cf, byte[] k) { decoded.add(cf + " delete " + Arrays.hashCode(k)); }
                    @Override public void delete(byte[] k) { delete(0, k); }
                    @Override public void merge(int cf, byte[] k, byte[] v) { decoded.add("merge"); }
                    @Override public void merge(byte[] k, byte[] v) { decoded.add("merge"); }
                    @Override public void singleDelete(int cf, byte[] k) { decoded.add("single delete"); }
                    @Override public void singleDelete(byte[] k) { decoded.add("single delete"); }
                    @Override public void deleteRange(int cf, byte[] b, byte[] e) { decoded.add("range"); }
                    @Override public void deleteRange(byte[] b, byte[] e) { decoded.add("range"); }
                    @Override public void logData(byte[] blob) { decoded.add("log"); }
                    @Override public void putBlobIndex(int cf, byte[] k, byte[] v) { decoded.add("blob"); }
                    @Override public void markBeginPrepare() { decoded.add("prepare"); }
                    @Override public void markEndPrepare(byte[] xid) { decoded.add("prepare"); }
                    @Override public void markNoop(boolean empty) { decoded.add("noop"); }
                    @Override public void markRollback(byte[] xid) { decoded.add("rollback"); }
                    @Override public void markCommit(byte[] xid) { decoded.add("commit"); }
                    @Override public void markCommitWithTimestamp(byte[] xid, byte[] ts) { decoded.add("commit"); }
                });
                assertThat(parsed.count()).isEqualTo(decoded.size());
            }
            List<String> want = new ArrayList<>();
            for (Column c : Column.values()) {
                for (var e : last.get(c).entrySet()) {
                    int cf = odd[c.ordinal()];
                    want.add(e.getValue() == PendingWrites.DELETED ? cf + " delete " + Arrays.hashCode(e.getKey())
                            : cf + " put " + Arrays.hashCode(e.getKey()) + " " + Arrays.hashCode(e.getValue()));
                }
            }
            assertThat(decoded).as("seed %d", seed).isEqualTo(want);
        }
    }

    private static byte[] key(Random rnd) {
        // few distinct keys, so rewrites, deletes of written keys and shared prefixes are common
        return new byte[] {(byte) rnd.nextInt(3), (byte) (rnd.nextInt(4) * 70), (byte) rnd.nextInt(5)};
    }

    private static Map<Column, TreeMap<byte[], byte[]>> copy(Map<Column, TreeMap<byte[], byte[]>> m) {
        Map<Column, TreeMap<byte[], byte[]>> out = new HashMap<>();
        m.forEach((c, rows) -> out.put(c, new TreeMap<>(rows)));
        return out;
    }

    private static List<String> rows(TreeMap<byte[], byte[]> m, byte[] prefix) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> {
            if (StoreKeys.startsWith(k, prefix)) out.add(Arrays.toString(k) + "=" + Arrays.hashCode(v));
        });
        return out;
    }

    private static List<String> scan(Txn txn, Column c, byte[] prefix) {
        List<String> out = new ArrayList<>();
        txn.scan(c, prefix, (k, v) -> out.add(Arrays.toString(k) + "=" + Arrays.hashCode(v)));
        return out;
    }

    private static List<String> scan(NudgeStore store, Column c) {
        List<String> out = new ArrayList<>();
        try (var it = store.db().newIterator(store.handle(c))) {
            for (it.seekToFirst(); it.isValid(); it.next()) out.add(Arrays.toString(it.key()) + "=" + Arrays.hashCode(it.value()));
        }
        return out;
    }

    static {
        RocksDB.loadLibrary();
    }
}
