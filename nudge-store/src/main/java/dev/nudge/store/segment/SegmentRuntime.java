package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.processor.Input;
import dev.nudge.core.processor.Memberships;
import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.processor.SegmentProcessor;
import dev.nudge.core.processor.Step;
import dev.nudge.core.profile.ProfileJson;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.Transition;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreHook;
import dev.nudge.store.Txn;

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
 * {@link ProfileState} is assembled from the stored rows as they are ({@code s/} segment state,
 * {@code d/} due, {@code pm/} memberships read only when a step rebuilds); the storage layout is
 * unchanged. An erasure is a deletion here, not a step. Transitions are
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
    private volatile SegmentProcessor processor;
    private final List<Consumer<List<StoredTransition>>> listeners = new CopyOnWriteArrayList<>();
    /** Next log sequence; only the writer thread assigns (gaps after rollbacks are fine). */
    private long nextSeq;

    public SegmentRuntime(NudgeStore store, InstantSource clock, SegmentEngine engine) {
        this.store = store;
        this.clock = clock;
        this.processor = new SegmentProcessor(engine);
        this.nextSeq = lastSeq(store) + 1;
    }

    public SegmentEngine engine() {
        return processor.engine();
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
        SegmentProcessor p = processor; // the step runs at max(now, event time)
        persist(txn, profile.id(), p.process(state(txn, profile), new Input.EventInput(event), clock.instant(), history(p.engine(), txn, profile.id())));
    }

    @Override
    public void onMerge(Txn txn, String fromId, Profile merged) {
        Instant now = clock.instant();
        Map<String, Instant> from = memberships(txn, fromId);
        clear(txn, fromId);
        SegmentProcessor p = processor; // the step's transitions: fromId's exits, then the merged profile's
        persist(txn, merged.id(), p.process(state(txn, merged), new Input.MergeInput(fromId, from), now, history(p.engine(), txn, merged.id())));
    }

    @Override
    public void onErase(Txn txn, String profileId) {
        // an erased person leaves every segment silently, and every transition that named them goes too
        clear(txn, profileId);
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
        SegmentProcessor p = processor;
        persist(txn, after.id(), p.process(state(txn, after), new Input.TraitsChanged(), clock.instant(), history(p.engine(), txn, after.id())));
    }

    /** Fires the timer of {@code profileId} armed for {@code due}, if it is still armed. Returns true if it ran. */
    public boolean fire(Txn txn, String profileId, long dueMillis) {
        byte[] armed = txn.get(Column.STATE, StoreKeys.due(profileId));
        if (armed == null || StoreKeys.instant(armed).toEpochMilli() != dueMillis) {
            txn.delete(Column.STATE, StoreKeys.timer(dueMillis, profileId)); // stale index entry
            return false;
        }
        Profile profile = txn.profile(profileId);
        ProfileSegmentState state = load(txn, profileId);
        if (profile == null || state == null) {
            txn.delete(Column.STATE, StoreKeys.timer(dueMillis, profileId));
            txn.delete(Column.STATE, StoreKeys.due(profileId));
            return false;
        }
        SegmentProcessor p = processor;
        ProfileState ps = ProfileState.of(profile, state, Memberships.lazy(() -> memberships(txn, profileId)));
        persist(txn, profileId, p.process(ps, new Input.DueInput(Instant.ofEpochMilli(dueMillis)), clock.instant(), history(p.engine(), txn, profileId)));
        return true;
    }

    /** Re-evaluates one profile under the current catalog if its state is from another (the backfill step). */
    public boolean refresh(Txn txn, String profileId) {
        Profile profile = txn.profile(profileId);
        if (profile == null) return false;
        SegmentProcessor p = processor;
        ProfileState state = state(txn, profile);
        if (p.current(state)) return false;
        persist(txn, profileId, p.process(state, new Input.DefinitionChange(), clock.instant(), history(p.engine(), txn, profileId)));
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
        Profile profile = txn.profile(r.profileId());
        if (profile == null) return false;
        byte[] state = txn.get(Column.STATE, StoreKeys.state(r.profileId()));
        SegmentProcessor p = processor;
        if (state != null && current(ProfileSegmentState.decode(state), p.engine())) return false;
        if (p.engine() == r.engine() && Arrays.equals(state, r.stateBefore()) && profile.equals(r.profile())) {
            persist(txn, r.profileId(), r.step());
        } else {
            redone.increment();
            ProfileState ps = ProfileState.of(profile, state == null ? null : ProfileSegmentState.decode(state),
                    Memberships.lazy(() -> memberships(txn, r.profileId())));
            persist(txn, r.profileId(), p.process(ps, new Input.DefinitionChange(), clock.instant(), history(p.engine(), txn, r.profileId())));
        }
        return true;
    }

    private static boolean current(ProfileSegmentState state, SegmentEngine e) {
        return state != null && state.catalogFingerprint() == e.catalog().fingerprint();
    }

    /**
     * The processor's state of a stored profile: its ids and traits, its segment state, and its
     * memberships from the {@code pm/} index, read only if the step rebuilds.
     */
    private static ProfileState state(Txn txn, Profile profile) {
        String id = profile.id();
        return ProfileState.of(profile, load(txn, id), Memberships.lazy(() -> memberships(txn, id)));
    }

    private static ProfileSegmentState load(Txn txn, String profileId) {
        byte[] b = txn.get(Column.STATE, StoreKeys.state(profileId));
        return b == null ? null : ProfileSegmentState.decode(b);
    }

    /** Memberships from the catalog-independent index: segment id → since. */
    static Map<String, Instant> memberships(Txn txn, String profileId) {
        Map<String, Instant> out = new LinkedHashMap<>();
        txn.scan(Column.STATE, StoreKeys.profileMembershipPrefix(profileId),
                (k, v) -> out.put(StoreKeys.segmentOfProfileMembership(k, profileId), StoreKeys.instant(v)));
        return out;
    }

    /**
     * A profile's history as this transaction sees it, for a rebuild or the incremental engine's
     * re-derivation of a leaf: both read only the names the catalog's leaves read, so the others are
     * skipped undecoded ({@link ReplayHistory}).
     */
    private static HistorySource history(SegmentEngine e, Txn txn, String profileId) {
        return ReplayHistory.of((prefix, v) -> txn.scan(Column.EVENTS, prefix, v), profileId, e);
    }

    private void persist(Txn txn, String profileId, Step step) {
        txn.put(Column.STATE, StoreKeys.state(profileId), step.state().segments().encode());
        byte[] old = txn.get(Column.STATE, StoreKeys.due(profileId));
        Instant due = step.state().nextDue();
        boolean unchanged = old != null && due != null && StoreKeys.instant(old).toEpochMilli() == due.toEpochMilli();
        if (!unchanged) { // most events leave the timer where it was: then nothing is rewritten
            if (old != null) txn.delete(Column.STATE, StoreKeys.timer(StoreKeys.instant(old).toEpochMilli(), profileId));
            if (due != null) {
                txn.put(Column.STATE, StoreKeys.due(profileId), StoreKeys.millis(due));
                txn.put(Column.STATE, StoreKeys.timer(due.toEpochMilli(), profileId), new byte[0]);
            } else if (old != null) {
                txn.delete(Column.STATE, StoreKeys.due(profileId));
            }
        }
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

    private void clear(Txn txn, String profileId) {
        byte[] due = txn.get(Column.STATE, StoreKeys.due(profileId));
        if (due != null) txn.delete(Column.STATE, StoreKeys.timer(StoreKeys.instant(due).toEpochMilli(), profileId));
        txn.delete(Column.STATE, StoreKeys.due(profileId));
        txn.delete(Column.STATE, StoreKeys.state(profileId));
        memberships(txn, profileId).keySet().forEach(seg -> {
            txn.delete(Column.STATE, StoreKeys.profileMembership(profileId, seg));
            txn.delete(Column.STATE, StoreKeys.member(seg, profileId));
        });
    }

    private static long lastSeq(NudgeStore store) {
        return SegmentReads.lastSeq(store);
    }
}
