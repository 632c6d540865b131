package dev.nudge.mail.outbox;

import java.util.List;
import java.util.Optional;

/**
 * Durable send intents keyed by idempotency key — the one place that guarantees "never two emails
 * for one intent".
 *
 * <p>Required atomicity, for an implementation over an ordered key-value store (RocksDB):
 * <ul>
 *   <li>{@link #enqueue} is put-if-absent on {@code outbox/{key}}: under a per-key lock (or a
 *       single writer), read then write; an existing key is never overwritten.</li>
 *   <li>{@link #compareAndSet} changes one entry only if its current status is {@code expected};
 *       the entry and its status index {@code outbox-status/{status}/{key}} (old removed, new added)
 *       go in one WriteBatch, synced, before it returns true. QUEUED→SENDING must be durable
 *       before the SMTP handoff, and SENDING→SENT after the 250 reply.</li>
 *   <li>{@link #inStatus} scans the status index (byte order of keys is fine: no ordering promise).</li>
 * </ul>
 * An engine that emits intents may write {@code outbox/{key}} in the same atomic batch as the flow
 * state that caused it (DESIGN.md §5); then enqueue is part of that batch.
 */
public interface OutboxStore {
    /** Adds a QUEUED entry unless the key exists; returns whether it was added. */
    boolean enqueue(OutboxEntry entry);

    /**
     * Enqueues many entries, each put-if-absent; returns how many were added. A durable store should
     * write them in one synced batch (a broadcast enqueues a whole batch of recipients at once).
     */
    default int enqueueAll(List<OutboxEntry> entries) {
        int added = 0;
        for (OutboxEntry e : entries) if (enqueue(e)) added++;
        return added;
    }

    Optional<OutboxEntry> get(String key);

    /** Atomically replaces the entry if its status is still {@code expected}. */
    boolean compareAndSet(String key, OutboxStatus expected, OutboxEntry next);

    /** One {@link #compareAndSet} of a batch. */
    record Change(OutboxStatus expected, OutboxEntry next) {
        public String key() {
            return next.key();
        }
    }

    /**
     * Applies each change whose entry is still in its {@code expected} status; returns, in order,
     * which applied. A durable store writes them all in one synced batch — a broadcast worker marks
     * its whole batch SENDING before the first handoff and SENT after the last, so the cost of a
     * synced write is shared by the batch, not paid twice per message.
     */
    default boolean[] compareAndSetAll(List<Change> changes) {
        boolean[] applied = new boolean[changes.size()];
        for (int i = 0; i < applied.length; i++) {
            Change c = changes.get(i);
            applied[i] = compareAndSet(c.key(), c.expected(), c.next());
        }
        return applied;
    }

    /**
     * Up to {@code limit} entries in a status, in key order, with keys after {@code afterKey} (null:
     * from the first) — QUEUED for workers, SENDING for crash recovery. Key order is the order of
     * the status index {@code outbox-status/{status}/{key}}, so paging is a range scan.
     */
    List<OutboxEntry> inStatus(OutboxStatus status, String afterKey, int limit);

    default List<OutboxEntry> inStatus(OutboxStatus status, int limit) {
        return inStatus(status, null, limit);
    }
}
