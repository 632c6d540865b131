package dev.nudge.core.segment;

import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Condition.Aggregate;
import dev.nudge.core.segment.lang.Condition.Cmp;
import dev.nudge.core.segment.lang.Condition.PropFilter;
import dev.nudge.core.segment.lang.Predicate;
import dev.nudge.core.segment.lang.Predicate.Operator;
import dev.nudge.core.segment.lang.SegmentDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random condition trees covering every kind and operator, over a small vocabulary (events A, B,
 * C; properties k, v, cat, when; traits plan, score, d, email, consent) so that random histories
 * actually hit them. Durations are minutes to hours, so windows open and close inside a history.
 */
final class RandomSegments {
    static final List<String> NAMES = List.of("A", "B", "C");
    static final Instant T0 = Fixtures.T0;
    private final Random r;
    boolean usedFor;

    RandomSegments(Random r) {
        this.r = r;
    }

    SegmentCatalog catalog(boolean allowFor) {
        int n = 1 + r.nextInt(4);
        List<SegmentDefinition> defs = new ArrayList<>();
        for (int i = 0; i < n; i++) defs.add(new SegmentDefinition("s" + i, "s" + i, null, condition(3, i, allowFor), "random", ""));
        return SegmentCatalog.of(defs);
    }

    /** One or two segments made of windowed sum/avg/min/max conditions on event A (spill-focused cases). */
    SegmentCatalog windowedAggregates() {
        List<SegmentDefinition> defs = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            Condition.Test test = new Condition.Test(Aggregate.values()[1 + r.nextInt(4)], "v", Cmp.values()[r.nextInt(Cmp.values().length)],
                    r.nextInt(6) + (r.nextBoolean() ? 0.5 : 0) + (r.nextInt(4) == 0 ? 10 : 0));
            Condition c = new Condition.EventCond("A", where(), dur(), null, null, test);
            defs.add(new SegmentDefinition("w" + i, "w" + i, null, r.nextInt(4) == 0 ? new Condition.Not(c) : c, "random", ""));
        }
        return SegmentCatalog.of(defs);
    }

    Condition condition(int depth, int self, boolean allowFor) {
        int k = r.nextInt(depth > 0 ? 12 : 8);
        return switch (k) {
            case 0, 1 -> event();
            case 2 -> lastFirst();
            case 3, 4 -> sequence();
            case 5 -> trait();
            case 6 -> self > 0 && r.nextInt(3) > 0 ? ref(self, allowFor) : new Condition.Subscribed("email");
            case 7 -> self > 0 ? ref(self, allowFor) : event();
            case 8 -> new Condition.Not(condition(depth - 1, self, allowFor));
            case 9 -> new Condition.Any(children(depth, self, allowFor));
            default -> new Condition.All(children(depth, self, allowFor));
        };
    }

    private List<Condition> children(int depth, int self, boolean allowFor) {
        List<Condition> cs = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) cs.add(condition(depth - 1, self, allowFor));
        return cs;
    }

    private Condition ref(int self, boolean allowFor) {
        Duration f = allowFor && r.nextBoolean() ? dur() : null;
        usedFor |= f != null;
        return new Condition.SegmentRef("s" + r.nextInt(self), f, 1, 1);
    }

    Duration dur() {
        return Duration.ofMinutes(new int[] {5, 10, 20, 30, 60, 90, 120, 240}[r.nextInt(8)]);
    }

    private String name() {
        return NAMES.get(r.nextInt(NAMES.size()));
    }

    Instant instant() {
        return T0.plus(Duration.ofMinutes(r.nextInt(480) - 60));
    }

    private List<PropFilter> where() {
        List<PropFilter> out = new ArrayList<>();
        int n = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
        for (int i = 0; i < n; i++) {
            PropFilter f = filter();
            // one operator per path and kind, as the parser produces (a `where` map cannot repeat a key)
            if (out.stream().noneMatch(o -> o.path().equals(f.path()) && o.predicate().op() == f.predicate().op())) out.add(f);
        }
        return out;
    }

    private PropFilter filter() {
        return switch (r.nextInt(12)) {
            case 0 -> new PropFilter("k", new Predicate(Operator.EQUALS, (long) (1 + r.nextInt(3))));
            case 1 -> new PropFilter("k", new Predicate(Operator.NOT_EQUALS, (long) (1 + r.nextInt(3))));
            case 2 -> new PropFilter("k", new Predicate(Operator.IN, List.of(1L, 2L)));
            case 3 -> new PropFilter("k", new Predicate(Operator.NOT_IN, List.of(3L)));
            case 4 -> new PropFilter("v", new Predicate(Operator.GT, (long) r.nextInt(5)));
            case 5 -> new PropFilter("v", new Predicate(Operator.GTE, (long) r.nextInt(5)));
            case 6 -> new PropFilter("v", new Predicate(Operator.LT, (long) r.nextInt(5)));
            case 7 -> new PropFilter("v", new Predicate(Operator.LTE, (long) r.nextInt(5)));
            case 8 -> new PropFilter("v", new Predicate(Operator.BETWEEN, List.of(1L, 3L)));
            case 9 -> new PropFilter("cat", new Predicate(Operator.EXISTS, r.nextBoolean()));
            case 10 -> new PropFilter("cat", new Predicate(Operator.CONTAINS, "x"));
            default -> new PropFilter("when", new Predicate(r.nextBoolean() ? Operator.BEFORE : Operator.AFTER, instant()));
        };
    }

    private Condition event() {
        Duration within = null;
        Instant from = null, to = null;
        switch (r.nextInt(5)) {
            case 0, 1 -> within = dur();
            case 2 -> from = instant();
            case 3 -> { from = instant(); to = from.plus(dur()); }
            default -> { }
        }
        Condition.Test test;
        int t = r.nextInt(10);
        Cmp cmp = Cmp.values()[r.nextInt(Cmp.values().length)];
        if (t < 5) test = t == 0 ? Condition.Test.AT_LEAST_ONE : new Condition.Test(Aggregate.COUNT, null, cmp, r.nextInt(4));
        else if (t == 9) test = new Condition.Test(Aggregate.DISTINCT, "k", cmp, r.nextInt(4));
        else test = new Condition.Test(Aggregate.values()[1 + r.nextInt(4)], "v", cmp, r.nextInt(8) + (r.nextBoolean() ? 0.5 : 0));
        return new Condition.EventCond(name(), where(), within, from, to, test);
    }

    private Condition lastFirst() {
        return new Condition.LastFirstCond(r.nextBoolean(), name(), where(), r.nextBoolean(), dur());
    }

    private Condition sequence() {
        List<Condition.Step> steps = new ArrayList<>();
        steps.add(new Condition.Step(false, name(), where(), null, List.of()));
        int positives = 1 + r.nextInt(3);
        for (int i = 1; i < positives; i++) steps.add(new Condition.Step(false, name(), where(), r.nextBoolean() ? dur() : null, same()));
        int negatives = positives == 1 ? 1 : r.nextInt(2);
        for (int i = 0; i < negatives; i++) steps.add(new Condition.Step(true, name(), where(), dur(), same()));
        return new Condition.SequenceCond(steps, r.nextInt(3) == 0 ? dur().multipliedBy(2) : null);
    }

    private List<String> same() {
        return r.nextInt(3) == 0 ? List.of("k") : List.of();
    }

    private Condition trait() {
        return switch (r.nextInt(7)) {
            case 0 -> new Condition.TraitCond("plan", List.of(new Predicate(Operator.EQUALS, "gold")));
            case 1 -> new Condition.TraitCond("plan", List.of(new Predicate(Operator.IN, List.of("gold", "silver"))));
            case 2 -> new Condition.TraitCond("score", List.of(new Predicate(Operator.GTE, (long) r.nextInt(10))));
            case 3 -> new Condition.TraitCond("d", List.of(new Predicate(Operator.WITHIN, dur())));
            case 4 -> new Condition.TraitCond("d", List.of(new Predicate(Operator.OLDER_THAN, dur())));
            case 5 -> new Condition.TraitCond("d", List.of(new Predicate(Operator.IN_NEXT, dur())));
            default -> new Condition.TraitCond("d", List.of(new Predicate(r.nextBoolean() ? Operator.BEFORE : Operator.AFTER, instant())));
        };
    }

    /** Random values for the traits the conditions read (plan, score, d, email, consent); nulls mean "absent". */
    static java.util.Map<String, Object> traits(Random r) {
        java.util.Map<String, Object> t = new java.util.LinkedHashMap<>();
        int p = r.nextInt(3);
        t.put("plan", p == 0 ? null : p == 1 ? "gold" : "silver");
        t.put("score", (long) r.nextInt(10));
        t.put("d", T0.plus(Duration.ofMinutes(r.nextInt(600) - 120)).toString());
        t.put("email", r.nextInt(5) == 0 ? null : "u1@example.com");
        int c = r.nextInt(3);
        t.put("consent", c == 0 ? null : java.util.Map.of("email", c == 1 ? "subscribed" : "unsubscribed"));
        return t;
    }
}
