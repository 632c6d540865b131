package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.processor.Input;
import dev.nudge.core.processor.Memberships;
import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.processor.SegmentProcessor;
import dev.nudge.core.processor.Step;
import dev.nudge.core.profile.ProfileJson;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.Transition;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreHook;
import dev.nudge.store.Txn;
import dev.nudge.store.state.EmbeddedStates;
import dev.nudge.store.state.RocksDueIndex;
import dev.nudge.store.state.RocksProfileEvents;
import dev.nudge.store.state.RocksProfileStates;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Runs the per-profile processor ({@link SegmentProcessor}, segments only for now) inside the
 * store's writer: every accepted event, merge, trait change, fired timer and backfill step is one
 * {@link SegmentProcessor#process} call, and its {@link Step} (segment state, timer, membership
 * indexes, transition log) is written in the same atomic write as the change that caused it
 * (DESIGN.md §5, §7). Nothing calls the segment engine directly. The processor's
 * {@link ProfileState} is read and written only through the storage-neutral
 * {@link dev.nudge.core.state.ProfileStates} ({@link EmbeddedStates}: metered → caching → RocksDB,
 * which keeps today's rows), with the profile's current ids and traits laid over it; the history
 * comes through {@link RocksProfileEvents}. This class writes only the transition rows itself. An
 * erasure is a deletion here, not a step. Transitions are
 * published to subscribers only after that write is durable, so a subscriber never sees a change
 * that a crash could undo.
 *
 * <p>Catalog changes: {@link #install} swaps the engine; a profile whose stored state was built for
 * another catalog is rebuilt from its history (cause BACKFILL) the next time it is touched, and the
 * {@link Backfill} job touches every profile. Previous memberships come from the {@code pm/} index,
 * which does not depend on any catalog version.
 *
 * <p>Only the writer thread calls the hook methods; {@link #install} may be called from any thread.
 */
public final class SegmentRuntime implements StoreHook {
    private final NudgeStore store;
    private final InstantSource clock;
    private final EmbeddedStates states;
    private volatile SegmentProcessor processor;
    private final List<Consumer<List<StoredTransition>>> listeners = new CopyOnWriteArrayList<>();
    /** Next log sequence; only the writer thread assigns (gaps after rollbacks are fine). */
    private long nextSeq;

    public SegmentRuntime(NudgeStore store, InstantSource clock, SegmentEngine engine) {
        this(store, clock, engine, EmbeddedStates.withDefaults());
    }

    /** @param states the profile states to read and write through (metered → caching → RocksDB) */
    public SegmentRuntime(NudgeStore store, InstantSource clock, SegmentEngine engine, EmbeddedStates states) {
        this.store = store;
        this.clock = clock;
        this.states = states;
        this.processor = new SegmentProcessor(engine);
        this.nextSeq = lastSeq(store) + 1;
    }

    public SegmentEngine engine() {
        return processor.engine();
    }

    /** The profile-state layers this runtime reads and writes through (metrics bind to them). */
    public EmbeddedStates states() {
        return states;
    }

    public InstantSource clock() {
        return clock;
    }

    public void install(SegmentEngine next) {
        this.processor = new SegmentProcessor(next);
    }

    /** Subscribes to durable transitions, in log order. Called on the writer thread: hand work off, don't block. */
    public void subscribe(Consumer<List<StoredTransition>> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<List<StoredTransition>> listener) {
        listeners.remove(listener);
    }

    @Override
    public void onEvent(Txn txn, Profile profile, Event event) {
        states.txn().set(txn);
        SegmentProcessor p = processor; // the step runs at max(now, event time)
        persist(txn, p.process(state(profile), new Input.EventInput(event), clock.instant(), history(p, profile.id())));
    }

    @Override
    public void onMerge(Txn txn, String fromId, Profile merged) {
        states.txn().set(txn);
        Instant now = clock.instant();
        Map<String, Instant> from = states.rocks().memberships(fromId);
        states.states().delete(fromId);
        SegmentProcessor p = processor; // the step's transitions: fromId's exits, then the merged profile's
        persist(txn, p.process(state(merged), new Input.MergeInput(fromId, from), now, history(p, merged.id())));
    }

    @Override
    public void onErase(Txn txn, String profileId) {
        states.txn().set(txn);
        // an erased person leaves every segment silently, and every transition that named them goes too
        states.states().delete(profileId);
        byte[] prefix = StoreKeys.profileHistoryPrefix(profileId);
        txn.scan(Column.STATE, prefix, (k, historyKey) -> {
            long seq = java.nio.ByteBuffer.wrap(k, prefix.length, 8).getLong();
            txn.delete(Column.STATE, historyKey);
            txn.delete(Column.STATE, StoreKeys.log(seq));
            txn.delete(Column.STATE, k);
        });
    }

    /**
     * Traits were changed by Nudge itself (computed traits: RFM, predictions, consent), not by an
     * event: segments that read traits are re-evaluated (cause TRAITS). Call inside the writer
     * transaction that stored the new profile.
     */
    public void traitsChanged(Txn txn, Profile after) {
        states.txn().set(txn);
        SegmentProcessor p = processor;
        persist(txn, p.process(state(after), new Input.TraitsChanged(), clock.instant(), history(p, after.id())));
    }

    /** Fires the timer of {@code profileId} armed for {@code due}, if it is still armed. Returns true if it ran. */
    public boolean fire(Txn txn, String profileId, long dueMillis) {
        states.txn().set(txn);
        RocksDueIndex due = states.dueIndex();
        Instant armed = due.scheduled(profileId);
        if (armed == null || armed.toEpochMilli() != dueMillis) {
            due.dropStale(profileId, dueMillis);
            return false;
        }
        Profile profile = txn.profile(profileId);
        ProfileState stored = states.states().get(profileId);
        if (profile == null || stored == null || stored.segments() == null) {
            due.schedule(profileId, null);
            return false;
        }
        SegmentProcessor p = processor;
        persist(txn, p.process(withProfile(stored, profile), new Input.DueInput(Instant.ofEpochMilli(dueMillis)), clock.instant(),
                history(p, profileId)));
        return true;
    }

    /** Re-evaluates one profile under the current catalog if its state is from another (the backfill step). */
    public boolean refresh(Txn txn, String profileId) {
        states.txn().set(txn);
        Profile profile = txn.profile(profileId);
        if (profile == null) return false;
        SegmentProcessor p = processor;
        ProfileState state = state(profile);
        if (p.current(state)) return false;
        persist(txn, p.process(state, new Input.DefinitionChange(), clock.instant(), history(p, profileId)));
        return true;
    }

    /**
     * A backfill step computed outside the writer from a read of the store ({@link StoredProfiles}):
     * the step, and what it was computed from, so the writer can tell whether it still holds.
     */
    public record Rebuilt(String profileId, SegmentEngine engine, Profile profile, byte[] stateBefore, Step step) {}

    /**
     * Rebuilds a stored profile under the current catalog on the calling thread, reading nothing
     * more from the store; empty when its state is already current. Safe on any thread.
     */
    public Optional<Rebuilt> rebuildStored(StoredProfiles.Stored s) {
        SegmentProcessor p = processor;
        ProfileSegmentState before = s.state() == null ? null : ProfileSegmentState.decode(s.state());
        if (current(before, p.engine())) return Optional.empty();
        Profile profile = ProfileJson.fromBytes(s.profile());
        ProfileState state = ProfileState.of(profile, before, Memberships.of(s.memberships()));
        Step step = p.process(state, new Input.DefinitionChange(), clock.instant(), ReplayHistory.of(s, p.engine()));
        return Optional.of(new Rebuilt(s.id(), p.engine(), profile, s.state(), step));
    }

    /**
     * The backfill step of {@link #refresh}, from a {@link #rebuildStored} result: persisted as it is
     * when the profile and its state are still those it was computed from under the same catalog
     * (every event, merge, timer or trait change since would have written a current state); otherwise
     * rebuilt here from what the transaction sees. Returns whether the profile was rebuilt, and
     * counts in {@code redone} the rebuilds that had to be done again.
     */
    public boolean applyRebuilt(Txn txn, Rebuilt r, LongAdder redone) {
        states.txn().set(txn);
        Profile profile = txn.profile(r.profileId());
        if (profile == null) return false;
        // "still the state it was computed from" compares the stored bytes, so it reads the Rocks layer (the cache is write-through: same rows)
        byte[] state = states.rocks().segmentBytes(r.profileId());
        SegmentProcessor p = processor;
        if (state != null && current(ProfileSegmentState.decode(state), p.engine())) return false;
        if (p.engine() == r.engine() && Arrays.equals(state, r.stateBefore()) && profile.equals(r.profile())) {
            persist(txn, r.step());
        } else {
            redone.increment();
            persist(txn, p.process(state(profile), new Input.DefinitionChange(), clock.instant(), history(p, r.profileId())));
        }
        return true;
    }

    private static boolean current(ProfileSegmentState state, SegmentEngine e) {
        return state != null && state.catalogFingerprint() == e.catalog().fingerprint();
    }

    /**
     * The processor's state of a stored profile: what the state stores hold (segment state, due,
     * memberships read only if the step rebuilds) with the profile's current ids and traits, which
     * the ingest path has already updated for this input.
     */
    private ProfileState state(Profile profile) {
        ProfileState stored = states.states().get(profile.id());
        if (stored == null) {
            RocksProfileStates rocks = states.rocks();
            String id = profile.id();
            return ProfileState.of(profile, null, Memberships.lazy(() -> rocks.memberships(id)));
        }
        return withProfile(stored, profile);
    }

    /**
     * {@code stored} with {@code profile}'s ids and traits (itself when they are already those: an
     * uncached read), and memberships read afresh from {@code pm/} unless already loaded: a cached
     * state's lazy memberships are the previous steps' chained over their transitions, which the
     * index already holds, so they would grow a step longer each time for nothing.
     */
    private ProfileState withProfile(ProfileState stored, Profile profile) {
        Traits traits = Traits.of(profile.traits());
        ProfileState s = stored;
        if (!s.memberships().isLoaded()) {
            RocksProfileStates rocks = states.rocks();
            String id = profile.id();
            s = s.withMemberships(Memberships.lazy(() -> rocks.memberships(id)));
        }
        if (!s.userIds().equals(profile.userIds()) || !s.anonymousIds().equals(profile.anonymousIds())) {
            s = s.withIds(profile.userIds(), profile.anonymousIds());
        }
        return s.traits() == traits ? s : s.withTraits(traits);
    }

    /**
     * A profile's history as this transaction sees it, for a rebuild or the incremental engine's
     * re-derivation of a leaf: both read only the names the catalog's leaves read, so the others are
     * skipped undecoded ({@link ReplayHistory}).
     */
    private HistorySource history(SegmentProcessor p, String profileId) {
        return new RocksProfileEvents(states.txn(), p.engine()).history(profileId);
    }

    /** The step's state (segment state, due) through the state stores, and its transitions, in the request's write. */
    private void persist(Txn txn, Step step) {
        states.states().put(step.state());
        record(txn, step.transitions());
    }

    private void record(Txn txn, List<Transition> transitions) {
        if (transitions.isEmpty()) return;
        List<StoredTransition> stored = new ArrayList<>(transitions.size());
        for (Transition t : transitions) {
            byte[] pm = StoreKeys.profileMembership(t.profileId(), t.segmentId());
            byte[] m = StoreKeys.member(t.segmentId(), t.profileId());
            if (t.kind() == Transition.Kind.ENTERED) {
                txn.put(Column.STATE, pm, StoreKeys.millis(t.at()));
                txn.put(Column.STATE, m, StoreKeys.millis(t.at()));
            } else {
                txn.delete(Column.STATE, pm);
                txn.delete(Column.STATE, m);
            }
            StoredTransition st = new StoredTransition(nextSeq++, t);
            byte[] json = st.toBytes();
            byte[] historyKey = StoreKeys.history(t.segmentId(), t.at(), st.seq());
            txn.put(Column.STATE, historyKey, json);
            txn.put(Column.STATE, StoreKeys.log(st.seq()), json);
            txn.put(Column.STATE, StoreKeys.profileHistory(t.profileId(), st.seq()), historyKey);
            stored.add(st);
        }
        txn.afterCommit(() -> {
            for (Consumer<List<StoredTransition>> l : listeners) l.accept(stored);
        });
    }

    private static long lastSeq(NudgeStore store) {
        return SegmentReads.lastSeq(store);
    }
}
