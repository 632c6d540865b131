package dev.nudge.server.mail;

import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.Txn;
import dev.nudge.store.ingest.IngestWriter;

import java.util.concurrent.CompletionException;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Reads from the committed store, writes through the single writer: every write runs on the writer
 * thread inside a group commit and returns only once that commit is synced, so "returned" means
 * "durable". Because one thread applies all writes, a read-then-write inside {@code write} is atomic
 * (put-if-absent and compare-and-set need no lock).
 */
final class StoreAccess {
    final NudgeStore store;
    private final IngestWriter writer;

    StoreAccess(NudgeStore store, IngestWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    <T> T write(Function<Txn, T> work) {
        try {
            return writer.submitWorkUnchecked(work).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    byte[] get(byte[] key) {
        return store.get(Column.STATE, key);
    }

    /** Visits keys under {@code prefix} from {@code from} (inclusive; null = the prefix start) while the visitor returns true. */
    void scan(byte[] prefix, byte[] from, BiPredicate<byte[], byte[]> visitor) {
        store.scan(Column.STATE, prefix, from, visitor::test);
    }
}
