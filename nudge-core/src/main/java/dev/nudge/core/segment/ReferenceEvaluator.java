package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Condition.Step;
import dev.nudge.core.segment.lang.Predicate;
import dev.nudge.core.segment.lang.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plain, obviously-correct meaning of the language (DESIGN.md §6): membership at instant t
 * computed from the profile's traits and its full event history (events with time ≤ t). No
 * state, no cleverness, no speed: it is the oracle the incremental engine is tested against.
 *
 * <p>{@code segment: X for: D} holds when X holds at every instant of [t − D, t], and the profile
 * existed (had its first event) at t − D. Membership is
 * right-continuous and piecewise constant (every window here is a union of [a, b) intervals in t),
 * so it suffices to check t − D and every point in (t − D, t] where X could change, which
 * {@link #changePoints} lists: event times, event times plus each duration in X, trait dates
 * shifted by X's relative operators, and the same for the segments X references.
 */
public final class ReferenceEvaluator {
    private final SegmentCatalog catalog;

    public ReferenceEvaluator(SegmentCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    public boolean member(String segmentId, Profile p, List<Event> history, Instant t) {
        CompiledSegment s = catalog.get(segmentId);
        if (s == null) throw new IllegalArgumentException("unknown segment `" + segmentId + "`");
        return member(s, p, history, t);
    }

    /** Membership of {@code s} at {@code t}; {@code history} is every stored event (any order). */
    public boolean member(CompiledSegment s, Profile p, List<Event> history, Instant t) {
        return holds(s.definition().where(), p, history, t);
    }

    boolean holds(Condition c, Profile p, List<Event> h, Instant t) {
        return switch (c) {
            case Condition.All a -> a.of().stream().allMatch(x -> holds(x, p, h, t));
            case Condition.Any a -> a.of().stream().anyMatch(x -> holds(x, p, h, t));
            case Condition.Not n -> !holds(n.condition(), p, h, t);
            case Condition.TraitCond tc -> tc.predicates().stream().allMatch(pr -> Values.test(pr, Values.lookup(p.traits(), tc.path()), t));
            case Condition.Subscribed s -> Values.emailSubscribed(p.traits());
            case Condition.EventCond e -> event(e, h, t);
            case Condition.LastFirstCond lf -> lastFirst(lf, h, t);
            case Condition.SequenceCond sq -> sequence(sq, h, t);
            case Condition.SegmentRef r -> ref(r, p, h, t);
        };
    }

    private static List<Event> matching(String name, List<Condition.PropFilter> where, List<Event> h, Instant t) {
        List<Event> out = new ArrayList<>();
        for (Event e : h) {
            if (!e.timestamp().isAfter(t) && name.equals(e.conditionName()) && Values.allHold(where, e.properties(), t)) out.add(e);
        }
        return out;
    }

    private static boolean event(Condition.EventCond c, List<Event> h, Instant t) {
        List<Event> in = new ArrayList<>();
        for (Event e : matching(c.name(), c.where(), h, t)) {
            Instant ts = e.timestamp();
            if (c.within() != null && !ts.isAfter(t.minus(c.within()))) continue;
            if (c.from() != null && ts.isBefore(c.from())) continue;
            if (c.to() != null && ts.isAfter(c.to())) continue;
            in.add(e);
        }
        Condition.Test test = c.test();
        if (test.aggregate() == Condition.Aggregate.COUNT) return test.cmp().test(in.size(), test.n());
        if (test.aggregate() == Condition.Aggregate.DISTINCT) {
            Set<Object> seen = new HashSet<>();
            for (Event e : in) {
                Object v = Values.lookup(e.properties(), test.property());
                if (v != null) seen.add(Values.normal(v));
            }
            return test.cmp().test(seen.size(), test.n());
        }
        List<Double> xs = new ArrayList<>();
        for (Event e : in) {
            double x = Values.number(Values.lookup(e.properties(), test.property()));
            if (!Double.isNaN(x)) xs.add(x);
        }
        if (test.aggregate() == Condition.Aggregate.SUM) return test.cmp().test(xs.stream().mapToDouble(d -> d).sum(), test.n());
        if (xs.isEmpty()) return false; // avg/min/max of nothing is undefined, so no test holds
        double v = switch (test.aggregate()) {
            case AVG -> xs.stream().mapToDouble(d -> d).sum() / xs.size();
            case MIN -> xs.stream().mapToDouble(d -> d).min().orElseThrow();
            default -> xs.stream().mapToDouble(d -> d).max().orElseThrow();
        };
        return test.cmp().test(v, test.n());
    }

    private static boolean lastFirst(Condition.LastFirstCond c, List<Event> h, Instant t) {
        Instant pick = null;
        for (Event e : matching(c.name(), c.where(), h, t)) {
            Instant ts = e.timestamp();
            if (pick == null || (c.last() ? ts.isAfter(pick) : ts.isBefore(pick))) pick = ts;
        }
        if (pick == null) return false;
        boolean within = pick.isAfter(t.minus(c.d()));
        return c.olderThan() != within;
    }

    /** Tries every chain of events for the positive steps, then checks the not_followed_by steps. */
    private static boolean sequence(Condition.SequenceCond c, List<Event> h, Instant t) {
        Step first = c.steps().get(0);
        for (Event e0 : matching(first.name(), first.where(), h, t)) {
            if (c.within() != null && !e0.timestamp().isAfter(t.minus(c.within()))) continue;
            if (chain(c, 1, e0, e0, h, t)) return true;
        }
        return false;
    }

    private static boolean chain(Condition.SequenceCond c, int i, Event e0, Event prev, List<Event> h, Instant t) {
        if (i == c.steps().size()) return true;
        Step s = c.steps().get(i);
        if (s.negative()) {
            Instant deadline = prev.timestamp().plus(s.window());
            if (t.isBefore(deadline)) return false; // the condition becomes true only once the window has passed
            for (Event n : matching(s.name(), s.where(), h, t)) {
                if (n.timestamp().isAfter(prev.timestamp()) && !n.timestamp().isAfter(deadline) && same(s, e0, n)) return false;
            }
            return chain(c, i + 1, e0, prev, h, t);
        }
        for (Event e : matching(s.name(), s.where(), h, t)) {
            if (!e.timestamp().isAfter(prev.timestamp())) continue;
            if (s.window() != null && e.timestamp().isAfter(prev.timestamp().plus(s.window()))) continue;
            if (!same(s, e0, e)) continue;
            if (chain(c, i + 1, e0, e, h, t)) return true;
        }
        return false;
    }

    /** Every {@code same:} property is present in both and equal. */
    private static boolean same(Step s, Event e0, Event e) {
        for (String prop : s.same()) {
            Object a = Values.lookup(e0.properties(), prop);
            Object b = Values.lookup(e.properties(), prop);
            if (a == null || b == null || !Values.normal(a).equals(Values.normal(b))) return false;
        }
        return true;
    }

    private boolean ref(Condition.SegmentRef r, Profile p, List<Event> h, Instant t) {
        CompiledSegment s = catalog.get(r.id());
        if (!member(s, p, h, t)) return false;
        if (r.forDuration() == null) return true;
        Instant start = t.minus(r.forDuration());
        // A profile exists from its first event: time before it does not count towards `for:`.
        Instant firstSeen = h.stream().map(Event::timestamp).min(Instant::compareTo).orElse(null);
        if (firstSeen == null || start.isBefore(firstSeen)) return false;
        if (!member(s, p, h, start)) return false;
        for (Instant c : changePoints(s.definition().where(), p, h)) {
            if (c.isAfter(start) && !c.isAfter(t) && !member(s, p, h, c)) return false;
        }
        return true;
    }

    /** A superset of the instants at which {@code c} can change its answer for this profile and history. */
    TreeSet<Instant> changePoints(Condition c, Profile p, List<Event> h) {
        TreeSet<Instant> out = new TreeSet<>();
        List<Duration> ds = new ArrayList<>();
        durations(c, ds);
        for (Event e : h) {
            out.add(e.timestamp());
            for (Duration d : ds) out.add(e.timestamp().plus(d));
        }
        traitPoints(c, p, out);
        List<Condition.SegmentRef> refs = new ArrayList<>();
        SegmentCatalog.collectRefs(c, refs);
        for (Condition.SegmentRef r : refs) {
            TreeSet<Instant> inner = changePoints(catalog.get(r.id()).definition().where(), p, h);
            out.addAll(inner);
            if (r.forDuration() != null) for (Instant i : inner) out.add(i.plus(r.forDuration()));
        }
        return out;
    }

    private static void durations(Condition c, List<Duration> out) {
        switch (c) {
            case Condition.All a -> a.of().forEach(x -> durations(x, out));
            case Condition.Any a -> a.of().forEach(x -> durations(x, out));
            case Condition.Not n -> durations(n.condition(), out);
            case Condition.EventCond e -> { if (e.within() != null) out.add(e.within()); }
            case Condition.LastFirstCond lf -> out.add(lf.d());
            case Condition.SequenceCond sq -> {
                if (sq.within() != null) out.add(sq.within());
                for (Step s : sq.steps()) if (s.negative()) out.add(s.window());
            }
            default -> { }
        }
    }

    private static void traitPoints(Condition c, Profile p, Set<Instant> out) {
        switch (c) {
            case Condition.All a -> a.of().forEach(x -> traitPoints(x, p, out));
            case Condition.Any a -> a.of().forEach(x -> traitPoints(x, p, out));
            case Condition.Not n -> traitPoints(n.condition(), p, out);
            case Condition.TraitCond tc -> {
                for (Predicate pr : tc.predicates()) Values.changePoints(pr, Values.lookup(p.traits(), tc.path()), ms -> out.add(Instant.ofEpochMilli(ms)));
            }
            default -> { }
        }
    }

    /** Membership of {@code segmentId} at t with the truth of every sub-condition, for explaining it. */
    public Trace trace(String segmentId, Profile p, List<Event> history, Instant t) {
        CompiledSegment s = catalog.get(segmentId);
        if (s == null) throw new IllegalArgumentException("unknown segment `" + segmentId + "`");
        return new Trace("segment " + segmentId, member(s, p, history, t), List.of(trace(s.definition().where(), p, history, t)));
    }

    private Trace trace(Condition c, Profile p, List<Event> h, Instant t) {
        List<Trace> kids = switch (c) {
            case Condition.All a -> a.of().stream().map(x -> trace(x, p, h, t)).toList();
            case Condition.Any a -> a.of().stream().map(x -> trace(x, p, h, t)).toList();
            case Condition.Not n -> List.of(trace(n.condition(), p, h, t));
            default -> List.of();
        };
        return new Trace(label(c), holds(c, p, h, t), kids);
    }

    private static String label(Condition c) {
        return switch (c) {
            case Condition.All a -> "all";
            case Condition.Any a -> "any";
            case Condition.Not n -> "not";
            case Condition.TraitCond tc -> "trait " + tc.path() + " " + tc.predicates().stream().map(x -> x.op().key + " " + x.arg()).toList();
            case Condition.Subscribed s -> "subscribed " + s.channel();
            case Condition.EventCond e -> "event " + e.name() + (e.where().isEmpty() ? "" : " where " + filters(e.where()))
                    + (e.within() != null ? " within " + e.within() : "") + (e.from() != null ? " from " + e.from() : "") + (e.to() != null ? " to " + e.to() : "")
                    + " " + (e.test().aggregate() == Condition.Aggregate.COUNT ? "count" : e.test().aggregate().name().toLowerCase(java.util.Locale.ROOT) + "(" + e.test().property() + ")")
                    + " " + e.test().cmp().symbol + " " + e.test().n();
            case Condition.LastFirstCond lf -> (lf.last() ? "last " : "first ") + lf.name() + (lf.where().isEmpty() ? "" : " where " + filters(lf.where()))
                    + (lf.olderThan() ? " older_than " : " within ") + lf.d();
            case Condition.SequenceCond sq -> "sequence " + sq.steps().stream().map(st -> (st.negative() ? "not_followed_by " : "") + st.name()).toList()
                    + (sq.within() != null ? " within " + sq.within() : "");
            case Condition.SegmentRef r -> "segment " + r.id() + (r.forDuration() != null ? " for " + r.forDuration() : "");
        };
    }

    private static String filters(List<Condition.PropFilter> where) {
        return where.stream().map(f -> f.path() + " " + f.predicate().op().key + " " + f.predicate().arg()).toList().toString();
    }
}
