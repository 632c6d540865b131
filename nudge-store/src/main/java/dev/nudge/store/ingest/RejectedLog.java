package dev.nudge.store.ingest;

import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The bounded, durable log of rejected messages: what clients sent that ingestion refused, kept so a
 * team can see it (DESIGN.md §3). Entries are opaque to the store (nudge-server encodes them); the
 * store gives each a sequence number and keeps only the newest {@code capacity}.
 *
 * <p>Invariants: entries are appended inside the writer's transaction, so they commit in the same
 * atomic write as the accepted events of their request, or roll back with them. The sequence and
 * the oldest kept entry live in one bounds row ({@link StoreKeys#REJECTED_BOUNDS}) read and written
 * through that same transaction — not in memory — so a rolled-back request leaves no gap and no
 * entry escapes trimming: every stored entry has a seq in {@code [oldest, next)}, and after every append
 * {@code next - oldest <= capacity}. Lowering the
 * capacity between runs is caught up by the next append, which trims down to the new bound.
 *
 * <p>Layout: {@code rj/[seq 8]} (see {@link StoreKeys}); seq starts at 1, so byte order is seq
 * order and the newest-first listing is a reverse scan.
 */
public final class RejectedLog {
    /** Entries kept when not configured: a few days of a noisy client, a few MB of disk. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** Most entries that can be kept; entries are capped near 3 KB, so this bounds the log near 300 MB. */
    public static final int MAX_CAPACITY = 100_000;

    private final NudgeStore store;
    private final int capacity;

    /** @param capacity entries kept, 0 (keep none) to {@link #MAX_CAPACITY} */
    public RejectedLog(NudgeStore store, int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("the rejected-messages log keeps 0 to " + MAX_CAPACITY + " entries, got " + capacity);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** One stored entry: its sequence number (the listing's order and cursor) and its bytes. */
    public record Entry(long seq, byte[] value) {
        public Entry {
            if (seq < 1) throw new IllegalArgumentException("sequence numbers start at 1, got " + seq);
            Objects.requireNonNull(value, "value");
        }
    }

    /** A page of the newest-first listing; {@code nextBefore} is null on the last page. */
    public record Page(List<Entry> entries, Long nextBefore) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /**
     * Appends entries, oldest first, then trims the log to its capacity. Call on the writer thread,
     * inside the request's transaction.
     */
    public void append(Txn txn, List<byte[]> entries) {
        if (entries.isEmpty()) return;
        byte[] b = txn.get(Column.STATE, StoreKeys.REJECTED_BOUNDS);
        ByteBuffer bounds = b == null ? null : ByteBuffer.wrap(b);
        long first = bounds == null ? 1 : bounds.getLong(0); // the seq of entries.get(0)
        long oldest = bounds == null ? 1 : bounds.getLong(8);
        long end = first + entries.size();
        long keepFrom = Math.max(oldest, end - capacity);
        // stored entries lie in [oldest, first): delete those that fall out, write only those that stay in
        for (long seq = oldest; seq < Math.min(keepFrom, first); seq++) txn.delete(Column.STATE, StoreKeys.rejected(seq));
        for (int i = 0; i < entries.size(); i++) {
            if (first + i >= keepFrom) txn.put(Column.STATE, StoreKeys.rejected(first + i), entries.get(i));
        }
        txn.put(Column.STATE, StoreKeys.REJECTED_BOUNDS, ByteBuffer.allocate(16).putLong(end).putLong(keepFrom).array());
    }

    /**
     * Deletes every entry that {@code matches} (erasure of a person's rejected messages), inside the
     * writer's transaction; returns how many. Reads the whole log once, so its cost is bounded by the
     * capacity. Entries are deleted where they are, so afterwards the log may hold fewer than its
     * capacity; the bounds stay as they are (trimming deletes nothing twice that matters).
     */
    public int removeIf(Txn txn, Predicate<byte[]> matches) {
        int[] n = {0};
        txn.scan(Column.STATE, StoreKeys.REJECTED_PREFIX, (k, v) -> {
            if (matches.test(v)) {
                txn.delete(Column.STATE, k);
                n[0]++;
            }
        });
        return n[0];
    }

    /**
     * Newest first: at most {@code limit} entries with a sequence number below {@code before} (null:
     * from the newest). Reads what is durable; a scan is a consistent snapshot.
     */
    public Page newestFirst(int limit, Long before) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        List<Entry> out = new ArrayList<>(Math.min(limit, 1024));
        if (before != null && before <= 1) return new Page(out, null);
        Long[] next = {null};
        byte[] from = StoreKeys.rejected(before == null ? Long.MAX_VALUE : before - 1);
        store.scanBackward(Column.STATE, StoreKeys.REJECTED_PREFIX, from, (k, v) -> {
            if (out.size() == limit) {
                next[0] = out.get(limit - 1).seq();
                return false;
            }
            out.add(new Entry(StoreKeys.rejectedSeq(k), v));
            return true;
        });
        return new Page(out, next[0]);
    }
}
