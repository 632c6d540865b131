package dev.nudge.store.ingest;

import dev.nudge.core.profile.Profile;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreException;
import dev.nudge.store.Txn;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One thread that applies queued work to the store in groups, each group made durable by one
 * WAL-synced write — the reason an acknowledgement means "durable".
 *
 * <p>Request threads {@link #submitWork} whole requests (an HTTP call's events, an import chunk, an
 * erasure, an outbox change) into a bounded queue and wait on a future. This thread takes a group of
 * queued requests, applies each inside its own save point of a shared {@link Txn}, then commits the
 * group with one synced write — group commit: many requests share one fsync. Futures complete only
 * after that write returns, so a client never sees a 200 for data that a crash could lose. A request
 * that throws is rolled back alone and fails alone; the rest of its group commits.
 *
 * <p>Backpressure: the queue is bounded in events ({@code maxPendingEvents}); when full, submit
 * throws {@link OverloadedException} at once (HTTP 429) instead of buffering without bound.
 *
 * <p>Ordering: requests apply in queue order, so events of one profile apply in arrival order.
 *
 * <p>Pipelining: a group's write (serializing the batch, the WAL append and fsync, the memtable
 * inserts) runs on a second thread while this one builds the next group over it ({@link Txn} reads
 * the group below until it is durable). At most one write is in flight; a group is finished — its
 * profiles published, its after-commit actions run, its futures completed — on this thread, in
 * order, once its write returned. If a write fails, the group built over it is refused as well.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /** Most events folded into one group commit; bounds the write batch's memory. */
    static final int MAX_GROUP_EVENTS = 50_000;
    /** Most recently committed profiles, decoded; writer thread only. Bounded LRU, write-through (see Txn). */
    static final int HOT_PROFILES = 50_000;

    private final NudgeStore store;
    private final BlockingQueue<Request<?>> queue = new ArrayBlockingQueue<>(100_000);
    private final AtomicLong pendingEvents = new AtomicLong();
    private final long maxPendingEvents;
    private final WriteOptions syncWrite = new WriteOptions().setSync(true);
    private final Thread thread;
    /** Runs the one group write in flight; see "Pipelining" above. */
    private final ExecutorService committer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("nudge-commit").daemon(true).unstarted(r));
    private volatile boolean closing;
    private volatile CommitObserver observer = CommitObserver.NONE;
    private final AtomicLong groups = new AtomicLong();
    private final Map<String, Profile> hotProfiles = new LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Profile> eldest) {
            return size() > HOT_PROFILES;
        }
    };

    private record Request<T>(Function<Txn, T> work, int events, CompletableFuture<T> done) {}

    /** A group whose write was handed to the committer; finished by {@link #finish} once it returns. */
    private record Written(Txn txn, List<Request<?>> group, List<Object> results, List<Runnable> after,
                           CompletableFuture<Long> durable) {}

    GroupCommitter(NudgeStore store, long maxPendingEvents) {
        this.store = store;
        this.maxPendingEvents = maxPendingEvents;
        this.thread = Thread.ofPlatform().name("nudge-writer").start(this::run);
    }

    /** Queues arbitrary work to run on the writer thread inside a transaction (erasure, timers, ...). */
    <T> CompletableFuture<T> submitWork(Function<Txn, T> work, int weight) throws OverloadedException {
        Objects.requireNonNull(work);
        if (closing) throw new OverloadedException("the server is shutting down; retry against another instance or later");
        long now = pendingEvents.addAndGet(weight);
        if (now > maxPendingEvents && now != weight) {
            pendingEvents.addAndGet(-weight);
            throw new OverloadedException("ingest queue is full (" + (now - weight) + " events pending); retry after a second");
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        if (!queue.offer(new Request<>(work, weight, done))) {
            pendingEvents.addAndGet(-weight);
            throw new OverloadedException("ingest queue is full; retry after a second");
        }
        return done;
    }

    /** {@link #submitWork} for administrative work that should wait rather than be refused. */
    <T> CompletableFuture<T> submitWorkUnchecked(Function<Txn, T> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        pendingEvents.incrementAndGet();
        try {
            queue.put(new Request<>(work, 1, done));
        } catch (InterruptedException e) {
            pendingEvents.decrementAndGet();
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    long pendingEvents() {
        return pendingEvents.get();
    }

    long groupCommits() {
        return groups.get();
    }

    void observe(CommitObserver o) {
        observer = o;
    }

    /** The writer thread runs and takes work: false once it died or {@link #close} began. */
    boolean alive() {
        return !closing && thread.isAlive();
    }

    private void observe(List<Request<?>> group, long writeNanos) {
        long events = 0;
        for (Request<?> r : group) events += r.events();
        try {
            observer.committed(group.size(), events, writeNanos);
        } catch (RuntimeException ex) {
            log.warn("commit observer failed", ex);
        }
    }

    private void run() {
        Written inFlight = null;
        while (true) {
            try {
                // with a write in flight, do not wait for more work: finish that write first
                Request<?> first = inFlight == null ? queue.poll(100, TimeUnit.MILLISECONDS) : queue.poll();
                if (first == null) {
                    if (inFlight != null) {
                        Written w = inFlight;
                        inFlight = null;
                        finish(w);
                    } else if (closing && queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                List<Request<?>> group = new ArrayList<>();
                group.add(first);
                int events = first.events();
                Request<?> next;
                while (events < MAX_GROUP_EVENTS && (next = queue.poll()) != null) {
                    group.add(next);
                    events += next.events();
                }
                Written below = inFlight;
                inFlight = null;
                inFlight = buildAndWrite(group, below);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                log.error("writer loop failure", t);
            }
        }
    }

    /**
     * Applies the group's requests over the group below (whose write may still be in flight), finishes
     * the group below, then hands this group's write to the committer. Returns null if the group was
     * refused (its own build failed, or the write below it did).
     */
    private Written buildAndWrite(List<Request<?>> group, Written below) {
        List<Object> results = new ArrayList<>(group.size());
        Txn txn = new Txn(store, hotProfiles, below == null ? null : below.txn());
        try {
            for (Request<?> r : group) {
                txn.begin();
                try {
                    results.add(r.work().apply(txn));
                    txn.commitRequest();
                } catch (RuntimeException | StackOverflowError ex) {
                    // a failing request is refused alone; the rest of the group still commits
                    log.warn("request refused: {}", ex.toString());
                    txn.rollbackRequest();
                    results.add(ex instanceof RuntimeException re ? re : new IllegalStateException(ex.toString(), ex));
                }
            }
            txn.prepare();
        } catch (RuntimeException | Error ex) {
            if (below != null) finish(below);
            refuse(txn, group, ex);
            return null;
        }
        if (below != null) {
            if (!finish(below)) {
                refuse(txn, group, new StoreException("not stored: the write of the group before it failed; retry"));
                return null;
            }
            txn.forgetBelow();
        }
        CompletableFuture<Long> durable = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            txn.write(syncWrite);
            return System.nanoTime() - start;
        }, committer);
        return new Written(txn, group, results, List.copyOf(txn.afterCommitActions()), durable);
    }

    /** Waits for the group's write; then publishes it and completes its requests. False if the write failed. */
    private boolean finish(Written w) {
        long writeNanos;
        try {
            writeNanos = w.durable().join();
        } catch (CompletionException | CancellationException ex) {
            refuse(w.txn(), w.group(), ex.getCause() != null ? ex.getCause() : ex);
            return false;
        }
        w.txn().published();
        w.txn().close();
        groups.incrementAndGet();
        observe(w.group(), writeNanos);
        for (Runnable r : w.after()) {
            try {
                r.run();
            } catch (RuntimeException ex) {
                log.warn("after-commit action failed", ex);
            }
        }
        for (int i = 0; i < w.group().size(); i++) complete(release(w.group().get(i)), w.results().get(i));
        return true;
    }

    /** Nothing of the group was written: refuse every request, so no caller waits forever. */
    private void refuse(Txn txn, List<Request<?>> group, Throwable ex) {
        txn.close();
        hotProfiles.clear(); // be sure no profile of the failed group is remembered
        log.error("group commit failed; {} requests refused", group.size(), ex);
        for (Request<?> r : group) release(r).done().completeExceptionally(ex);
    }

    private Request<?> release(Request<?> r) {
        pendingEvents.addAndGet(-r.events());
        return r;
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Request<T> r, Object result) {
        if (result instanceof RuntimeException ex) r.done().completeExceptionally(ex);
        else r.done().complete((T) result);
    }

    /** Stops accepting, finishes every queued request, then returns. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.shutdown();
        syncWrite.close();
    }
}
