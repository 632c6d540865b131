package dev.nudge.store.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventJson;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreHook;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;
import dev.nudge.store.identity.IdentityResolver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The single writer of the store: every write — events, and any other work that must be atomic with
 * them — runs on one thread and is acknowledged only once durable ({@link GroupCommitter}: group
 * commit, backpressure, ordering, pipelining).
 *
 * <p>An events request is stored whole or not at all: each event is deduplicated by its message id
 * (against the store and the rest of the request), resolved to its profile (identity merges), stored
 * under the profile's event key, folded into the profile (last seen, traits from identify, the email
 * index), and handed to the hooks (segment engine, computed traits) inside the same transaction.
 */
public final class IngestWriter implements AutoCloseable {
    private static final byte[] EMPTY = new byte[0];

    private final List<StoreHook> hooks;
    private final IdentityResolver identity;
    private final GroupCommitter commits;

    public IngestWriter(NudgeStore store, List<StoreHook> hooks, long maxPendingEvents) {
        this.hooks = List.copyOf(hooks);
        this.identity = new IdentityResolver(this.hooks);
        this.commits = new GroupCommitter(store, maxPendingEvents);
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
        return submitEncoded(events, encoded, txn -> {}, 0);
    }

    /**
     * {@link #submitEncoded}, with {@code alongside} applied in the same request after the events: what
     * it writes is stored in the same atomic write as the events, or rolled back with them (the
     * rejected messages of a batch, {@link RejectedLog}). {@code alongsideWeight} counts as events
     * for backpressure.
     */
    public CompletableFuture<IngestOutcome> submitEncoded(List<Event> events, List<byte[]> encoded, Consumer<Txn> alongside,
                                                          int alongsideWeight) throws OverloadedException {
        if (encoded.size() != events.size()) {
            throw new IllegalArgumentException(events.size() + " events but " + encoded.size() + " encodings; pass IngestWriter.encode(events)");
        }
        Objects.requireNonNull(alongside, "alongside");
        if (alongsideWeight < 0) throw new IllegalArgumentException("alongsideWeight must not be negative, got " + alongsideWeight);
        return submitWork(txn -> {
            IngestOutcome outcome = apply(txn, events, encoded);
            alongside.accept(txn);
            return outcome;
        }, events.size() + alongsideWeight);
    }

    /** Queues arbitrary work to run on the writer thread inside a transaction (erasure, timers, ...); {@code weight} counts as events for backpressure. */
    public <T> CompletableFuture<T> submitWork(Function<Txn, T> work, int weight) throws OverloadedException {
        return commits.submitWork(work, weight);
    }

    /** {@link #submitWork} for administrative work that should wait rather than be refused. */
    public <T> CompletableFuture<T> submitWorkUnchecked(Function<Txn, T> work) {
        return commits.submitWorkUnchecked(work);
    }

    public long pendingEvents() {
        return commits.pendingEvents();
    }

    public long groupCommits() {
        return commits.groupCommits();
    }

    /** Replaces the observer told about every durable group commit (metrics); {@link CommitObserver#NONE} by default. */
    public void observeCommits(CommitObserver observer) {
        commits.observe(java.util.Objects.requireNonNull(observer));
    }

    /** Whether the writer thread is running and accepting work (readiness). */
    public boolean alive() {
        return commits.alive();
    }

    private IngestOutcome apply(Txn txn, List<Event> events, List<byte[]> encoded) {
        int accepted = 0, duplicates = 0;
        List<byte[]> mids = new ArrayList<>(events.size());
        for (Event e : events) mids.add(StoreKeys.messageIdKey(e.messageId()));
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

    /** Stops accepting, finishes every queued request, then returns. */
    @Override
    public void close() {
        commits.close();
    }
}
