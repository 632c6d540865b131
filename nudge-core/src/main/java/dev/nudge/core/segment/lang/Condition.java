package dev.nudge.core.segment.lang;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The typed AST of the segment language (DESIGN.md §6): a condition is exactly one of these.
 * Nodes are immutable and already checked: durations are positive, lists non-empty, sequences well
 * formed. Windows are half-open and end at the evaluation instant t: "within D" means event time in
 * (t − D, t], so a member leaves exactly at last-event + D; "older than D" means ≤ t − D.
 */
public sealed interface Condition {

    record All(List<Condition> of) implements Condition {
        public All { of = List.copyOf(of); if (of.isEmpty()) throw new IllegalArgumentException("all: needs at least one condition"); }
    }

    record Any(List<Condition> of) implements Condition {
        public Any { of = List.copyOf(of); if (of.isEmpty()) throw new IllegalArgumentException("any: needs at least one condition"); }
    }

    record Not(Condition condition) implements Condition {
        public Not { Objects.requireNonNull(condition, "condition"); }
    }

    /** {@code trait: PATH} plus operators, all of which must hold. */
    record TraitCond(String path, List<Predicate> predicates) implements Condition {
        public TraitCond { predicates = List.copyOf(predicates); }
    }

    /**
     * Events named {@code name} that pass {@code where}, in the window [from, to] (instants,
     * inclusive, either may be null) and, if {@code within} is set, in (t − within, t].
     */
    record EventCond(String name, List<PropFilter> where, Duration within, Instant from, Instant to, Test test) implements Condition {
        public EventCond {
            Objects.requireNonNull(name, "name");
            where = List.copyOf(where);
            Objects.requireNonNull(test, "test");
        }
    }

    /** {@code last|first: NAME}: the latest (or earliest) matching event is older than / within D. */
    record LastFirstCond(boolean last, String name, List<PropFilter> where, boolean olderThan, Duration d) implements Condition {
        public LastFirstCond { where = List.copyOf(where); Objects.requireNonNull(d, "d"); }
    }

    /**
     * Ordered behavior. Positive steps come first (the first one anchors {@code same:}); any
     * {@code not_followed_by} steps come last and are measured from the last positive step.
     * {@code within}, if set, requires the first step's occurrence to lie in (t − within, t].
     */
    record SequenceCond(List<Step> steps, Duration within) implements Condition {
        public SequenceCond {
            steps = List.copyOf(steps);
            if (steps.isEmpty() || steps.get(0).negative()) throw new IllegalArgumentException("a sequence starts with an event step");
        }

        public int positiveCount() {
            int n = 0;
            for (Step s : steps) if (!s.negative()) n++;
            return n;
        }
    }

    /**
     * One sequence step. For a positive step {@code window} is {@code then_within} (null = any time
     * later); for a {@code not_followed_by} step it is the required {@code within}.
     */
    record Step(boolean negative, String name, List<PropFilter> where, Duration window, List<String> same) {
        public Step { where = List.copyOf(where); same = List.copyOf(same); Objects.requireNonNull(name, "name"); }
    }

    /** Member of segment {@code id}, continuously for at least {@code forDuration} when set. */
    record SegmentRef(String id, Duration forDuration, int line, int col) implements Condition {
        public SegmentRef { Objects.requireNonNull(id, "id"); }
    }

    /** Consent allows marketing on {@code channel} (only {@code email} today). */
    record Subscribed(String channel) implements Condition {
        public Subscribed { Objects.requireNonNull(channel, "channel"); }
    }

    /** One {@code where} entry: a property path and one operator. */
    record PropFilter(String path, Predicate predicate) {}

    /** The test applied to the matching events: a count, or an aggregate of a property. */
    record Test(Aggregate aggregate, String property, Cmp cmp, double n) {
        public static final Test AT_LEAST_ONE = new Test(Aggregate.COUNT, null, Cmp.GE, 1);

        public Test {
            Objects.requireNonNull(aggregate, "aggregate");
            Objects.requireNonNull(cmp, "cmp");
            if (aggregate != Aggregate.COUNT) Objects.requireNonNull(property, "property");
        }
    }

    enum Aggregate { COUNT, SUM, AVG, MIN, MAX, DISTINCT }

    enum Cmp {
        GE(">="), GT(">"), EQ("=="), NE("!="), LT("<"), LE("<=");

        public final String symbol;

        Cmp(String symbol) { this.symbol = symbol; }

        public boolean test(double x, double n) {
            return switch (this) {
                case GE -> x >= n;
                case GT -> x > n;
                case EQ -> x == n;
                case NE -> x != n;
                case LT -> x < n;
                case LE -> x <= n;
            };
        }
    }
}
