package dev.nudge.store.segment;

import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Brings every profile's segment state to the current catalog after a segment was created, changed
 * or deleted (DESIGN.md §7 "Backfill"): each profile is rebuilt from its stored history and the net
 * membership changes are emitted as BACKFILL transitions.
 *
 * <p>How: reader threads take runs of consecutive profiles ({@link StoredProfiles}), rebuild each
 * one off the writer ({@link SegmentRuntime#rebuildStored}), and hand the results to the writer in
 * one request per run, so live ingestion interleaves with the sweep and each run is atomic. In the
 * writer a result is stored only if the profile and its state are still those it was computed from;
 * a profile touched by a live event in between already has a current state and is skipped, and
 * anything else that changed is rebuilt again there ({@link SegmentRuntime#applyRebuilt}). The
 * writer thus only writes; the replay, the expensive part, runs on every core.
 */
public final class Backfill {
    static final int CHUNK = 256;

    /** Progress of one run, readable from any thread. */
    public record Progress(long total, long done, long rebuilt, boolean finished) {}

    private final NudgeStore store;
    private final IngestWriter writer;
    private final SegmentRuntime runtime;
    private final int readers;
    private final AtomicLong total = new AtomicLong(), done = new AtomicLong(), rebuilt = new AtomicLong();
    private final LongAdder redone = new LongAdder();
    private volatile boolean finished = true;

    /** A backfill that reads on as many threads as there are cores. */
    public Backfill(NudgeStore store, IngestWriter writer, SegmentRuntime runtime) {
        this(store, writer, runtime, Runtime.getRuntime().availableProcessors());
    }

    public Backfill(NudgeStore store, IngestWriter writer, SegmentRuntime runtime, int readers) {
        if (readers < 1) throw new IllegalArgumentException("readers must be >= 1, got " + readers);
        this.store = store;
        this.writer = writer;
        this.runtime = runtime;
        this.readers = readers;
    }

    public Progress progress() {
        return new Progress(total.get(), done.get(), rebuilt.get(), finished);
    }

    /** Rebuilds computed off the writer that the writer had to do again because the profile had changed. */
    public long redone() {
        return redone.sum();
    }

    /** Marks a sweep as pending, so progress reads "not finished" from the moment one is requested. */
    public void markPending() {
        finished = false;
    }

    /** Runs a full sweep; returns when every profile is on the current catalog. */
    public Progress run() {
        finished = false;
        done.set(0);
        rebuilt.set(0);
        List<List<byte[]>> runs = StoredProfiles.runs(store, CHUNK);
        total.set(runs.stream().mapToLong(List::size).sum());
        // at most two runs per reader between read and commit: bounds the memory of results waiting for the writer
        Semaphore pending = new Semaphore(2 * readers);
        try (ExecutorService pool = Executors.newFixedThreadPool(readers, Thread.ofPlatform().name("nudge-backfill-", 0).factory())) {
            List<CompletableFuture<Integer>> all = new ArrayList<>(runs.size());
            for (List<byte[]> run : runs) {
                pending.acquireUninterruptibly();
                CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> rebuild(run), pool)
                        .thenCompose(this::submit)
                        .whenComplete((n, ex) -> {
                            pending.release();
                            done.addAndGet(run.size());
                            if (n != null) rebuilt.addAndGet(n);
                        });
                all.add(f);
            }
            all.forEach(CompletableFuture::join);
        }
        finished = true;
        return progress();
    }

    private List<SegmentRuntime.Rebuilt> rebuild(List<byte[]> run) {
        List<SegmentRuntime.Rebuilt> out = new ArrayList<>(run.size());
        for (StoredProfiles.Stored s : StoredProfiles.read(store, run)) runtime.rebuildStored(s).ifPresent(out::add);
        return out;
    }

    private CompletableFuture<Integer> submit(List<SegmentRuntime.Rebuilt> results) {
        if (results.isEmpty()) return CompletableFuture.completedFuture(0);
        return writer.submitWorkUnchecked(txn -> {
            int n = 0;
            for (SegmentRuntime.Rebuilt r : results) if (runtime.applyRebuilt(txn, r, redone)) n++;
            return n;
        });
    }
}
