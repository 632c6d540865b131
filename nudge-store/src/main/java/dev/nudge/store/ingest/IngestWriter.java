package dev.nudge.store.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventJson;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreException;
import dev.nudge.store.StoreHook;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;
import dev.nudge.store.identity.IdentityResolver;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * The single writer of the store, and the reason an acknowledgement means "durable".
 *
 * <p>How it works: request threads {@link #submit} whole requests (an HTTP call, a batch, an import
 * chunk, an erasure) into a bounded queue and wait on a future. One thread takes a group of queued
 * requests, applies each inside its own save point of a shared {@link Txn} (identity resolution,
 * dedupe, events, profile, hooks), then commits the group with one WAL-synced write — group commit:
 * many requests share one fsync. Futures complete only after that write returns, so a client never
 * sees a 200 for data that a crash could lose. A request that throws is rolled back alone and fails
 * alone; the rest of its group commits.
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
public final class IngestWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWriter.class);
    private static final byte[] EMPTY = new byte[0];
    /** Most events folded into one group commit; bounds the write batch's memory. */
    static final int MAX_GROUP_EVENTS = 50_000;

    private final NudgeStore store;
    private final List<StoreHook> hooks;
    private final IdentityResolver identity;
    private final BlockingQueue<Request<?>> queue = new ArrayBlockingQueue<>(100_000);
    private final AtomicLong pendingEvents = new AtomicLong();
    private final long maxPendingEvents;
    private final WriteOptions syncWrite = new WriteOptions().setSync(true);
    private final Thread thread;
    /** Runs the one group write in flight; see "Pipelining" above. */
    private final ExecutorService committer = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("nudge-commit").daemon(true).unstarted(r));
    private volatile boolean closing;
    private final AtomicLong groups = new AtomicLong();
    /** Most recently committed profiles, decoded; writer thread only. Bounded LRU, write-through (see Txn). */
    static final int HOT_PROFILES = 50_000;
    private final java.util.Map<String, Profile> hotProfiles = new java.util.LinkedHashMap<>(1 << 16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Profile> eldest) {
            return size() > HOT_PROFILES;
        }
    };

    private record Request<T>(Function<Txn, T> work, int events, CompletableFuture<T> done) {}

    /** A group whose write was handed to the committer; finished by {@link #finish} once it returns. */
    private record Written(Txn txn, List<Request<?>> group, List<Object> results, List<Runnable> after,
                           CompletableFuture<Void> durable) {}

    public IngestWriter(NudgeStore store, List<StoreHook> hooks, long maxPendingEvents) {
        this.store = store;
        this.hooks = List.copyOf(hooks);
        this.identity = new IdentityResolver(this.hooks);
        this.maxPendingEvents = maxPendingEvents;
        this.thread = Thread.ofPlatform().name("nudge-writer").start(this::run);
    }

    /** Queues a request of events; all of them are stored (or deduplicated) together, or none. */
    public CompletableFuture<IngestOutcome> submit(List<Event> events) throws OverloadedException {
        // serialize on the caller's thread: the writer thread is the bottleneck, the callers are many
        return submitEncoded(events, encode(events));
    }

    /** The stored form of each event ({@link EventJson#toBytes}), for callers that encode ahead on their own threads. */
    public static List<byte[]> encode(List<Event> events) {
        List<byte[]> encoded = new ArrayList<>(events.size());
        for (Event e : events) encoded.add(EventJson.toBytes(e));
        return encoded;
    }

    /** {@link #submit} with the events already encoded by {@link #encode}, {@code encoded.get(i)} being event i's. */
    public CompletableFuture<IngestOutcome> submitEncoded(List<Event> events, List<byte[]> encoded) throws OverloadedException {
        if (encoded.size() != events.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + encoded.size() + " encodings; pass IngestWriter.encode(events)");
        }
        return submitWork(txn -> apply(txn, events, encoded), events.size());
    }

    /** Queues arbitrary work to run on the writer thread inside a transaction (erasure, timers, ...). */
    public <T> CompletableFuture<T> submitWork(Function<Txn, T> work, int weight) throws OverloadedException {
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
    public <T> CompletableFuture<T> submitWorkUnchecked(Function<Txn, T> work) {
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

    public long pendingEvents() {
        return pendingEvents.get();
    }

    public long groupCommits() {
        return groups.get();
    }

    private IngestOutcome apply(Txn txn, List<Event> events, List<byte[]> encoded) {
        int accepted = 0, duplicates = 0;
        List<byte[]> mids = new ArrayList<>(events.size());
        for (Event e : events) mids.add(StoreKeys.utf8(e.messageId()));
        List<byte[]> stored = txn.getAll(Column.MESSAGES, mids); // almost every id is new: one multi-get for all
        Set<String> inRequest = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            byte[] mid = mids.get(i);
            if (stored.get(i) != null || !inRequest.add(e.messageId())) {
                duplicates++;
                continue;
            }
            txn.put(Column.MESSAGES, mid, EMPTY);
            String profileId = identity.resolve(txn, e);
            txn.put(Column.EVENTS, StoreKeys.eventKey(profileId, e.timestamp(), e.messageId()), encoded.get(i));
            Profile before = txn.profile(profileId);
            Profile after = before.withEventSeen(e.conditionName(), e.timestamp());
            if (e.type() == EventType.IDENTIFY) after = after.withTraits(e.traits());
            updateEmailIndex(txn, before, after);
            txn.putProfile(after);
            for (StoreHook h : hooks) h.onEvent(txn, after, e);
            accepted++;
        }
        return new IngestOutcome(accepted, duplicates);
    }

    static void updateEmailIndex(Txn txn, Profile before, Profile after) {
        String old = before.email(), now = after.email();
        if (Objects.equals(old, now)) return;
        if (old != null) txn.delete(Column.EMAILS, StoreKeys.emailKey(old, before.id()));
        if (now != null) txn.put(Column.EMAILS, StoreKeys.emailKey(now, after.id()), EMPTY);
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
        CompletableFuture<Void> durable = CompletableFuture.runAsync(() -> txn.write(syncWrite), committer);
        return new Written(txn, group, results, List.copyOf(txn.afterCommitActions()), durable);
    }

    /** Waits for the group's write; then publishes it and completes its requests. False if the write failed. */
    private boolean finish(Written w) {
        try {
            w.durable().join();
        } catch (CompletionException | CancellationException ex) {
            refuse(w.txn(), w.group(), ex.getCause() != null ? ex.getCause() : ex);
            return false;
        }
        w.txn().published();
        w.txn().close();
        groups.incrementAndGet();
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
