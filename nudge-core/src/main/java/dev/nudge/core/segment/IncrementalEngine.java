package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.lang.Predicate;
import dev.nudge.core.segment.lang.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How this works and why.
 *
 * <p><b>State.</b> Per profile: for each segment whether it is a member and since when, and the
 * next instant its answer could change with no new input (its due); for each stateful condition a
 * small {@link LeafState}. Identical conditions in different segments share a leaf ({@link Plan}).
 *
 * <p><b>Events.</b> An event updates only the leaves indexed under its {@code conditionName()},
 * then re-evaluates only the segments holding those leaves (plus trait-reading segments for an
 * identify, plus segments referencing them). Leaf updates are order-insensitive (insertion by
 * event time, min/max, capped counts), so late and out-of-order events reach the same state as
 * in-order ones without replay; a replay from history ({@link #rebuild}) is reserved for merges,
 * backfills and catalog changes. One bounded exception: a windowed sum/avg/min/max keeps at most
 * {@link #WINDOW_CAP} exact pairs and summarises older ones; the summary is exact until its oldest
 * event expires, and at that due the condition alone is re-derived from the history.
 *
 * <p><b>Time.</b> A segment's answer is piecewise constant in t between the change points its
 * leaves report ({@link Leaf#next}): expiry of the oldest in-window event, last event + threshold,
 * not_followed_by deadlines, trait dates ± offsets, a referenced segment's since + {@code for:}.
 * Before applying anything at instant t, every due strictly before t is processed in order and
 * stamped with its own instant, so a time-caused transition always carries the exact due instant
 * and an event at t sees the state as of t.
 *
 * <p><b>Exactly once.</b> A transition is emitted only when the evaluated answer differs from the
 * stored membership, and the stored membership is updated at the same time; dues already processed
 * are not revisited because time never runs backwards within a profile ({@code asOf}).
 */
final class IncrementalEngine implements SegmentEngine {
    private final SegmentCatalog catalog;
    private final Plan plan;
    private final String[] ids;

    /** Default {@link Plan#windowCap}: with whole-cent values a full window is about 32 × 4 bytes. */
    static final int WINDOW_CAP = 32;

    IncrementalEngine(SegmentCatalog catalog) {
        this(catalog, WINDOW_CAP);
    }

    IncrementalEngine(SegmentCatalog catalog, int windowCap) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.plan = new Plan(catalog, windowCap);
        this.ids = catalog.segments().stream().map(CompiledSegment::id).toArray(String[]::new);
    }

    @Override
    public SegmentCatalog catalog() {
        return catalog;
    }

    @Override
    public ProfileSegmentState initialState() {
        return ProfileSegmentState.initial(catalog.fingerprint(), ids.length, plan.leaves.length);
    }

    @Override
    public Evaluation onEvent(ProfileSegmentState state, Profile profile, Event event, Instant now, HistorySource history) {
        Work w = start(state, profile);
        w.history = history;
        w.current = event;
        w.pending = event.messageId(); // maybe in the history already, but not yet applied
        long t = Math.max(now.toEpochMilli(), w.asOf);
        if (event.timestamp().toEpochMilli() > t) {
            throw new IllegalArgumentException("event " + event.messageId() + " has event time " + event.timestamp() + " after now " + now
                    + "; ingestion must clamp future timestamps to receivedAt before the segment engine sees them");
        }
        w.advance(t, false);
        w.pending = null;
        w.apply(event, t, Cause.EVENT);
        return w.finish();
    }

    @Override
    public Evaluation onTime(ProfileSegmentState state, Profile profile, Instant due, HistorySource history) {
        Work w = start(state, profile);
        w.history = history;
        long t = due.toEpochMilli();
        if (t <= w.asOf) return w.finish();
        w.advance(t, true);
        if (w.asOf == ProfileSegmentState.NEVER) w.settle(t, w.all(Cause.TIME));
        w.asOf = t;
        return w.finish();
    }

    @Override
    public Evaluation onTraitsChanged(ProfileSegmentState state, Profile profile, Instant now, HistorySource history) {
        Work w = start(state, profile);
        w.history = history;
        long t = Math.max(now.toEpochMilli(), w.asOf);
        w.advance(t, false);
        Cause[] causes = w.fresh ? w.all(Cause.TRAITS) : new Cause[ids.length];
        for (int s = 0; s < ids.length; s++) if (plan.readsTraits[s]) causes[s] = Cause.TRAITS;
        w.settle(t, causes);
        return w.finish();
    }

    @Override
    public Evaluation rebuild(Map<String, Instant> previous, Profile profile, HistorySource history, Instant now, Cause cause) {
        Work w = new Work(initialState(), profile);
        long end = now.toEpochMilli();
        List<Event> events = new ArrayList<>(history.events());
        events.sort(Comparator.comparing(Event::timestamp)); // stable: equal times keep log order
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            long ts = e.timestamp().toEpochMilli();
            if (ts > end) break;
            long t = Math.max(ts, w.asOf);
            List<Event> before = events.subList(0, i), through = events.subList(0, i + 1);
            w.history = () -> before;
            w.advance(t, false);
            w.history = () -> through;
            w.apply(e, t, Cause.EVENT);
        }
        w.history = () -> events.stream().filter(e -> !e.timestamp().isAfter(now)).toList();
        w.advance(end, true);
        if (w.asOf == ProfileSegmentState.NEVER) w.settle(end, w.all(cause));
        w.asOf = Math.max(w.asOf, end);
        // The replay's own transitions are history already lived; report only the net change against `previous`.
        w.out.clear();
        for (int s = 0; s < ids.length; s++) {
            boolean was = previous.containsKey(ids[s]);
            boolean is = w.since[s] != ProfileSegmentState.NEVER;
            if (was != is) w.out.add(new Transition(profile.id(), ids[s], is ? Transition.Kind.ENTERED : Transition.Kind.EXITED, now, cause));
        }
        return w.finish();
    }

    @Override
    public boolean reads(String conditionName) {
        return plan.leavesByName.containsKey(conditionName);
    }

    @Override
    public Map<String, Instant> memberships(ProfileSegmentState state) {
        check(state);
        Map<String, Instant> out = new LinkedHashMap<>();
        for (int s = 0; s < ids.length; s++) {
            if (state.since[s] != ProfileSegmentState.NEVER) out.put(ids[s], Instant.ofEpochMilli(state.since[s]));
        }
        return out;
    }

    private void check(ProfileSegmentState state) {
        if (state.fingerprint != catalog.fingerprint() || state.since.length != ids.length || state.leaves.length != plan.leaves.length) {
            throw new IllegalStateException("segment state was built for catalog " + state.fingerprint + " but this engine runs catalog "
                    + catalog.fingerprint() + "; call rebuild(oldEngine.memberships(state), profile, history, now, Cause.BACKFILL) on the new engine");
        }
    }

    private Work start(ProfileSegmentState state, Profile profile) {
        if (state == null) return new Work(initialState(), profile);
        check(state);
        return new Work(state, profile);
    }

    /** One call's mutable scratch copy of a state; frozen into a new immutable state at the end. */
    private final class Work {
        final Profile profile;
        final boolean fresh;
        final int fingerprint;
        long asOf;
        final long[] since;
        final long[] due;
        final LeafState[] leaves;
        final List<Transition> out = new ArrayList<>(2);
        /** The events applied so far (plus {@link #pending}); read only to re-derive a spilled window. */
        HistorySource history = HistorySource.NONE;
        /** The messageId of an event in {@link #history} that is not applied yet. */
        String pending;
        /** The event being processed: counted when re-deriving after it is applied, even if the history lacks it. */
        Event current;

        Work(ProfileSegmentState s, Profile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            this.fresh = s.asOf == ProfileSegmentState.NEVER;
            this.fingerprint = s.fingerprint;
            this.asOf = s.asOf;
            this.since = s.since.clone();
            this.due = s.due.clone();
            this.leaves = s.leaves.clone();
        }

        Cause[] all(Cause c) {
            Cause[] a = new Cause[ids.length];
            java.util.Arrays.fill(a, c);
            return a;
        }

        /** Processes every due before {@code limit} (and at it, if inclusive) in time order, each at its own instant. */
        void advance(long limit, boolean inclusive) {
            while (true) {
                long d = ProfileSegmentState.NONE;
                for (long x : due) d = Math.min(d, x);
                if (d == ProfileSegmentState.NONE || d > limit || (!inclusive && d == limit)) return;
                settle(d, new Cause[ids.length]);
            }
        }

        /** Applies an event's leaf updates, then settles at t. */
        void apply(Event e, long t, Cause cause) {
            Cause[] causes = fresh && asOf == ProfileSegmentState.NEVER ? all(cause) : new Cause[ids.length];
            long ts = e.timestamp().toEpochMilli();
            for (int l : plan.leavesFor(e.conditionName())) {
                LeafState before = leaves[l];
                LeafState after = plan.leaves[l].add(before, e, ts);
                if (after != before) {
                    leaves[l] = after;
                    for (int s : plan.leafSegments[l]) causes[s] = cause;
                }
            }
            if (e.type() == EventType.IDENTIFY || !e.traits().isEmpty()) {
                for (int s = 0; s < ids.length; s++) if (plan.readsTraits[s]) causes[s] = cause;
            }
            settle(t, causes);
        }

        /**
         * Re-evaluates at t every segment with a cause, every segment due at or before t (cause
         * TIME) and everything that references them, in dependency order.
         */
        void settle(long t, Cause[] causes) {
            // What the input touched (and everything referencing it) is labelled with the input's cause
            // first; only segments changed by nothing but the clock are labelled TIME.
            for (int s = 0; s < ids.length; s++) {
                if (causes[s] == null || causes[s] == Cause.TIME) continue;
                for (int d : plan.dependents[s]) if (causes[d] == null) causes[d] = causes[s];
            }
            for (int s = 0; s < ids.length; s++) if (causes[s] == null && due[s] <= t) causes[s] = Cause.TIME;
            for (int s = 0; s < ids.length; s++) {
                if (causes[s] != Cause.TIME) continue;
                for (int d : plan.dependents[s]) if (causes[d] == null) causes[d] = Cause.TIME;
            }
            for (int s = 0; s < ids.length; s++) {
                if (causes[s] == null) continue;
                for (int l : plan.segmentLeaves[s]) {
                    if (plan.leaves[l].needsHistory(leaves[l], t)) leaves[l] = rederive(l, t);
                    leaves[l] = plan.leaves[l].prune(leaves[l], t);
                }
                boolean is = eval(plan.exprs[s], t);
                boolean was = since[s] != ProfileSegmentState.NEVER;
                if (is != was) {
                    since[s] = is ? t : ProfileSegmentState.NEVER;
                    out.add(new Transition(profile.id(), ids[s], is ? Transition.Kind.ENTERED : Transition.Kind.EXITED, Instant.ofEpochMilli(t), causes[s]));
                }
                due[s] = next(plan.exprs[s], t);
            }
            asOf = Math.max(asOf, t);
        }

        /**
         * Recomputes one leaf at t from the history: the rare path of a windowed aggregate whose
         * summarised part starts to expire (about once per windowCap / 2 events). Events already
         * outside the window are skipped, so the result's summary is valid past t.
         */
        LeafState rederive(int l, long t) {
            Leaf leaf = plan.leaves[l];
            long h = leaf.horizon();
            List<String> names = leaf.names();
            LeafState st = null;
            boolean sawCurrent = false;
            for (Event e : history.events()) {
                if (current != null && current.messageId().equals(e.messageId())) {
                    if (pending != null || sawCurrent) continue; // not applied yet, or listed twice
                    sawCurrent = true;
                }
                st = rederiveAdd(leaf, names, h, st, e, t);
            }
            if (current != null && pending == null && !sawCurrent) st = rederiveAdd(leaf, names, h, st, current, t);
            return st;
        }

        private static LeafState rederiveAdd(Leaf leaf, List<String> names, long h, LeafState st, Event e, long t) {
            long ts = e.timestamp().toEpochMilli();
            if (ts > t || (h >= 0 && ts <= t - h) || !names.contains(e.conditionName())) return st;
            return leaf.add(st, e, ts);
        }

        boolean eval(Expr x, long t) {
            switch (x) {
                case Expr.AllOf a -> { for (Expr c : a.of()) if (!eval(c, t)) return false; return true; }
                case Expr.AnyOf a -> { for (Expr c : a.of()) if (eval(c, t)) return true; return false; }
                case Expr.NotOf n -> { return !eval(n.of(), t); }
                case Expr.LeafRef l -> { return plan.leaves[l.leaf()].holds(leaves[l.leaf()], t); }
                case Expr.Trait tr -> {
                    Object v = Values.lookup(profile.traits(), tr.cond().path());
                    Instant at = Instant.ofEpochMilli(t);
                    for (Predicate p : tr.cond().predicates()) if (!Values.test(p, v, at)) return false;
                    return true;
                }
                case Expr.Consent c -> { return Values.emailSubscribed(profile.traits()); }
                case Expr.Ref r -> {
                    long s = since[r.segment()];
                    return s != ProfileSegmentState.NEVER && (r.forMillis() < 0 || s <= t - r.forMillis());
                }
            }
        }

        long next(Expr x, long t) {
            switch (x) {
                case Expr.AllOf a -> { long m = ProfileSegmentState.NONE; for (Expr c : a.of()) m = Math.min(m, next(c, t)); return m; }
                case Expr.AnyOf a -> { long m = ProfileSegmentState.NONE; for (Expr c : a.of()) m = Math.min(m, next(c, t)); return m; }
                case Expr.NotOf n -> { return next(n.of(), t); }
                case Expr.LeafRef l -> { return plan.leaves[l.leaf()].next(leaves[l.leaf()], t); }
                case Expr.Trait tr -> {
                    long[] m = {ProfileSegmentState.NONE};
                    Object v = Values.lookup(profile.traits(), tr.cond().path());
                    for (Predicate p : tr.cond().predicates()) Values.changePoints(p, v, c -> { if (c > t && c < m[0]) m[0] = c; });
                    return m[0];
                }
                case Expr.Consent c -> { return ProfileSegmentState.NONE; }
                case Expr.Ref r -> {
                    long s = since[r.segment()];
                    if (r.forMillis() < 0 || s == ProfileSegmentState.NEVER || s + r.forMillis() <= t) return ProfileSegmentState.NONE;
                    return s + r.forMillis();
                }
            }
        }

        Evaluation finish() {
            ProfileSegmentState s = new ProfileSegmentState(fingerprint, asOf, since, due, leaves);
            return new Evaluation(s, out, s.nextDue());
        }
    }
}
