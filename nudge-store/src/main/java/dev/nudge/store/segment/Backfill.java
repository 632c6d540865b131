package dev.nudge.store.segment;

import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;
import org.rocksdb.RocksIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings every profile's segment state to the current catalog after a segment was created, changed
 * or deleted (DESIGN.md §7 "Backfill"): each profile is rebuilt from its stored history and the net
 * membership changes are emitted as BACKFILL transitions. Runs in chunks through the writer, so
 * live ingestion interleaves with it and each chunk is atomic; a profile touched by a live event
 * first is rebuilt then, and the sweep skips it.
 */
public final class Backfill {
    static final int CHUNK = 256;

    /** Progress of one run, readable from any thread. */
    public record Progress(long total, long done, long rebuilt, boolean finished) {}

    private final NudgeStore store;
    private final IngestWriter writer;
    private final SegmentRuntime runtime;
    private final AtomicLong total = new AtomicLong(), done = new AtomicLong(), rebuilt = new AtomicLong();
    private volatile boolean finished = true;

    public Backfill(NudgeStore store, IngestWriter writer, SegmentRuntime runtime) {
        this.store = store;
        this.writer = writer;
        this.runtime = runtime;
    }

    public Progress progress() {
        return new Progress(total.get(), done.get(), rebuilt.get(), finished);
    }

    /** Marks a sweep as pending, so progress reads "not finished" from the moment one is requested. */
    public void markPending() {
        finished = false;
    }

    /** Runs a full sweep on the calling thread; returns when every profile is on the current catalog. */
    public Progress run() {
        finished = false;
        total.set(store.estimateCount(Column.PROFILES));
        done.set(0);
        rebuilt.set(0);
        List<String> chunk = new ArrayList<>(CHUNK);
        List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
        long seen = 0;
        try (RocksIterator it = store.db().newIterator(store.handle(Column.PROFILES))) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                chunk.add(StoreKeys.string(it.key()));
                seen++;
                if (chunk.size() == CHUNK) {
                    inFlight.add(submit(chunk));
                    chunk = new ArrayList<>(CHUNK);
                    if (inFlight.size() >= 4) inFlight.remove(0).join();
                }
            }
        }
        if (!chunk.isEmpty()) inFlight.add(submit(chunk));
        inFlight.forEach(CompletableFuture::join);
        total.set(seen);
        finished = true;
        return progress();
    }

    private CompletableFuture<Integer> submit(List<String> ids) {
        return writer.submitWorkUnchecked(txn -> {
            int n = 0;
            for (String id : ids) if (runtime.refresh(txn, id)) n++;
            return n;
        }).whenComplete((n, ex) -> {
            done.addAndGet(ids.size());
            if (n != null) rebuilt.addAndGet(n);
        });
    }
}
