package dev.nudge.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The writes of one group commit, held on the Java heap until the commit: per column, the last value
 * written to each key ({@link #DELETED} for a delete), in RocksDB's bytewise key order.
 *
 * <p>Why not RocksDB's {@code WriteBatchWithIndex}: every put and every read of it crosses JNI and
 * inserts into a native skip list; a group that writes one profile's state row a hundred times paid
 * for a hundred index entries, WAL records and memtable inserts. Here a rewrite replaces the value in
 * place, reads of the group's own writes stay in Java, and the commit hands RocksDB each key once.
 * The result a reader sees after the commit is the same: the last write of each key wins, atomically.
 *
 * <p>Save points: {@link #mark()} starts a request; every write appends the value it replaced to an
 * undo log, and {@link #rollback()} restores them newest first, so the earliest replaced value — the
 * one before the request — is what remains. Not thread-safe: only the writer thread touches it.
 */
final class PendingWrites {
    /** Marks a deleted key; compared by identity, never written as a value. */
    static final byte[] DELETED = new byte[0];

    private record Undo(int column, byte[] key, byte[] previous) {}

    @SuppressWarnings("unchecked")
    private final TreeMap<byte[], byte[]>[] columns = new TreeMap[Column.values().length];
    private final List<Undo> undo = new ArrayList<>();
    /** Bytes of every write made (rewrites included): a first guess at the serialized size. */
    private long written;
    private boolean marked;

    PendingWrites() {
        for (int i = 0; i < columns.length; i++) columns[i] = new TreeMap<>(Arrays::compareUnsigned);
    }

    /** The value this group wrote for {@code key}: a value, {@link #DELETED}, or null if it did not write it. */
    byte[] get(Column c, byte[] key) {
        return columns[c.ordinal()].get(key);
    }

    void put(Column c, byte[] key, byte[] value) {
        write(c.ordinal(), key, value);
    }

    void delete(Column c, byte[] key) {
        write(c.ordinal(), key, DELETED);
    }

    private void write(int column, byte[] key, byte[] value) {
        byte[] previous = columns[column].put(key, value);
        written += 8 + key.length + value.length;
        if (marked) undo.add(new Undo(column, key, previous));
    }

    /** Starts a request: writes from here on can be undone by {@link #rollback()}. */
    void mark() {
        undo.clear();
        marked = true;
    }

    /** Keeps the request's writes. */
    void release() {
        undo.clear();
        marked = false;
    }

    /** Undoes every write since {@link #mark()}. */
    void rollback() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            Undo u = undo.get(i);
            if (u.previous() == null) columns[u.column()].remove(u.key());
            else columns[u.column()].put(u.key(), u.previous());
        }
        release();
    }

    /** This group's writes to keys starting with {@code prefix}, in key order. */
    NavigableMap<byte[], byte[]> under(Column c, byte[] prefix) {
        TreeMap<byte[], byte[]> col = columns[c.ordinal()];
        byte[] end = StoreKeys.prefixEnd(prefix);
        return end == null ? col.tailMap(prefix, true) : col.subMap(prefix, true, end, false);
    }

    // RocksDB's WriteBatch wire format (db/write_batch.cc, the "rep" that WriteBatch(byte[]) accepts):
    // fixed64 sequence (0 until written) | fixed32 count | records; a record is a tag byte, the column
    // family id as varint32 unless it is 0, then length-prefixed key (and value, for a put).
    private static final int HEADER = 12;
    private static final byte PUT = 0x1, DELETE = 0x0, CF_PUT = 0x5, CF_DELETE = 0x4;

    /**
     * Every pending write in RocksDB's serialized write-batch form, so the commit crosses into RocksDB
     * once instead of once per key. {@code columnFamilyIds[c.ordinal()]} is the id of column c's family.
     */
    byte[] serialized(int[] columnFamilyIds) {
        // one pass: walking a large TreeMap misses the cache at every entry, so it is walked once
        Out out = new Out(HEADER + written);
        out.at = HEADER;
        int count = 0;
        for (int c = 0; c < columns.length; c++) {
            int cf = columnFamilyIds[c];
            for (Map.Entry<byte[], byte[]> e : columns[c].entrySet()) {
                byte[] k = e.getKey(), v = e.getValue();
                boolean delete = v == DELETED;
                out.room(11 + k.length + (delete ? 0 : 5 + v.length));
                if (cf == 0) {
                    out.b[out.at++] = delete ? DELETE : PUT;
                } else {
                    out.b[out.at++] = delete ? CF_DELETE : CF_PUT;
                    out.varint(cf);
                }
                out.bytes(k);
                if (!delete) out.bytes(v);
                count++;
            }
        }
        for (int i = 0; i < 4; i++) out.b[HEADER - 4 + i] = (byte) (count >>> (8 * i));
        return Arrays.copyOf(out.b, out.at);
    }

    /** A growing byte array; {@link #room} before each record keeps the writes in bounds. */
    private static final class Out {
        byte[] b;
        int at;

        Out(long capacity) {
            b = new byte[(int) Math.min(capacity, Integer.MAX_VALUE - 16)];
        }

        void room(int n) {
            if (b.length - at >= n) return;
            long want = Math.max((long) b.length * 2, (long) at + n);
            if (want > Integer.MAX_VALUE - 16) throw new StoreException("one group's writes exceed 2 GB; commit smaller groups");
            b = Arrays.copyOf(b, (int) want);
        }

        void varint(int v) {
            while ((v & ~0x7F) != 0) {
                b[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b[at++] = (byte) v;
        }

        /** Length-prefixed, as RocksDB's PutLengthPrefixedSlice. */
        void bytes(byte[] x) {
            varint(x.length);
            System.arraycopy(x, 0, b, at, x.length);
            at += x.length;
        }
    }
}
