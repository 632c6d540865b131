package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.OutboxStore;
import dev.nudge.store.Column;
import dev.nudge.store.Txn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link OutboxStore} over RocksDB. Enqueue and compare-and-set run on the writer thread, so the
 * read and the write cannot interleave with another writer; the entry ({@code eo/}) and its status
 * index ({@code es/}, old removed, new added) go into the same group commit, synced before the call
 * returns — QUEUED→SENDING is therefore durable before the SMTP handoff.
 */
final class RocksOutboxStore implements OutboxStore {
    private static final byte[] EMPTY = new byte[0];
    private final StoreAccess db;

    RocksOutboxStore(StoreAccess db) {
        this.db = db;
    }

    @Override
    public boolean enqueue(OutboxEntry entry) {
        return db.write(txn -> {
            if (txn.get(Column.STATE, StoreKeys.outbox(entry.key())) != null) return false;
            put(txn, entry);
            return true;
        });
    }

    /** Enqueues many entries in one synced commit, each put-if-absent; returns how many were new. */
    @Override
    public int enqueueAll(List<OutboxEntry> entries) {
        return db.write(txn -> {
            int added = 0;
            for (OutboxEntry e : entries) {
                if (txn.get(Column.STATE, StoreKeys.outbox(e.key())) != null) continue;
                put(txn, e);
                added++;
            }
            return added;
        });
    }

    @Override
    public Optional<OutboxEntry> get(String key) {
        byte[] b = db.get(StoreKeys.outbox(key));
        return b == null ? Optional.empty() : Optional.of(MailCodec.outbox(b));
    }

    @Override
    public boolean compareAndSet(String key, OutboxStatus expected, OutboxEntry next) {
        if (!next.key().equals(key)) throw new IllegalArgumentException("entry key " + next.key() + " differs from " + key);
        return db.write(txn -> compareAndSet(txn, expected, next));
    }

    /** All changes in one synced commit; each applies only if its entry is still in its expected status. */
    @Override
    public boolean[] compareAndSetAll(List<Change> changes) {
        return db.write(txn -> {
            boolean[] applied = new boolean[changes.size()];
            for (int i = 0; i < applied.length; i++) applied[i] = compareAndSet(txn, changes.get(i).expected(), changes.get(i).next());
            return applied;
        });
    }

    private static boolean compareAndSet(Txn txn, OutboxStatus expected, OutboxEntry next) {
        byte[] cur = txn.get(Column.STATE, StoreKeys.outbox(next.key()));
        if (cur == null || MailCodec.outbox(cur).status() != expected) return false;
        txn.delete(Column.STATE, StoreKeys.outboxStatus(expected.name(), next.key()));
        put(txn, next);
        return true;
    }

    private static void put(Txn txn, OutboxEntry e) {
        txn.put(Column.STATE, StoreKeys.outbox(e.key()), MailCodec.outbox(e));
        txn.put(Column.STATE, StoreKeys.outboxStatus(e.status().name(), e.key()), EMPTY);
    }

    /** Entries in {@code status}, counted from the status index alone (no entry is decoded), at most {@code cap}. */
    long count(OutboxStatus status, long cap) {
        long[] n = {0};
        db.scan(StoreKeys.outboxStatusPrefix(status.name()), null, (k, v) -> ++n[0] < cap);
        return n[0];
    }

    @Override
    public List<OutboxEntry> inStatus(OutboxStatus status, String afterKey, int limit) {
        List<OutboxEntry> out = new ArrayList<>();
        byte[] prefix = StoreKeys.outboxStatusPrefix(status.name());
        byte[] from = afterKey == null ? null : StoreKeys.after(StoreKeys.outboxStatus(status.name(), afterKey));
        db.scan(prefix, from, (k, v) -> {
            get(StoreKeys.idempotencyKeyOfStatus(k, status.name())).filter(e -> e.status() == status).ifPresent(out::add);
            return out.size() < limit;
        });
        return out;
    }
}
