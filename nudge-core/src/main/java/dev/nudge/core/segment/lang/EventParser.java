package dev.nudge.core.segment.lang;

import dev.nudge.core.segment.lang.Condition.EventCond;
import dev.nudge.core.segment.lang.Node.Entry;
import dev.nudge.core.segment.lang.Node.ListNode;
import dev.nudge.core.segment.lang.Node.MapNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code event:} (windows, count and aggregate tests) and {@code last:}/{@code first:} conditions. */
final class EventParser {
    private final SegmentParser p;

    EventParser(SegmentParser p) {
        this.p = p;
    }

    Condition event(MapNode m, Entry k) {
        p.onlyKeys(m, k, SegmentParser.EVENT_KEYS);
        int before = p.issueCount();
        String name = p.name(k, "an event name", "event: Order Completed");
        List<Condition.PropFilter> where = p.where(m);
        Map<String, Entry> es = m.entries();
        List<Entry> windows = es.values().stream().filter(e -> Set.of("within", "between", "since").contains(e.key())).toList();
        Duration within = null;
        Instant from = null, to = null;
        if (windows.size() > 1) {
            p.issue(windows.get(1).line(), windows.get(1).col(), "two windows `" + windows.get(0).key() + "` and `" + windows.get(1).key() + "`", "keep one of `within`, `between` or `since`");
        } else if (!windows.isEmpty()) {
            Entry w = windows.get(0);
            switch (w.key()) {
                case "within" -> within = p.duration(w);
                case "since" -> from = instantOf(w.value());
                default -> {
                    if (w.value() instanceof ListNode l && l.items().size() == 2) {
                        from = instantOf(l.items().get(0));
                        to = instantOf(l.items().get(1));
                        if (from != null && to != null && to.isBefore(from)) p.issue(w.value(), "`between` ends before it starts", "write the earlier instant first");
                    } else {
                        p.issue(w.value(), "`between` needs a list of two instants", "write e.g. `between: [2024-01-01, 2024-02-01T00:00:00Z]`");
                    }
                }
            }
        }
        Condition.Test test = test(m, k);
        if (p.issueCount() > before) return null;
        return new EventCond(name, where, within, from, to, test);
    }

    private Instant instantOf(Node n) {
        Scalars.Parsed<Instant> r = Scalars.instant(n);
        if (r.error() != null) p.issue(n, r.error(), r.hint());
        return r.value();
    }

    private Condition.Test test(MapNode m, Entry k) {
        Map<String, Entry> es = m.entries();
        List<Entry> aggs = es.values().stream().filter(e -> SegmentParser.AGGREGATES.contains(e.key())).toList();
        Entry count = es.get("count");
        Entry value = es.get("value");
        if (aggs.size() > 1) {
            p.issue(aggs.get(1).line(), aggs.get(1).col(), "two aggregates `" + aggs.get(0).key() + "` and `" + aggs.get(1).key() + "`", "use one aggregate per condition; combine conditions with `all:`");
            return null;
        }
        if (aggs.isEmpty()) {
            if (value != null) { p.issue(value.line(), value.col(), "`value` without an aggregate", "add one of `sum`, `avg`, `min`, `max`, `distinct: PROPERTY`, or use `count:`"); return null; }
            if (count == null) return Condition.Test.AT_LEAST_ONE;
            Scalars.Parsed<Object[]> t = Scalars.test(count.value(), true);
            if (t.error() != null) { p.issue(count.value(), t.error(), t.hint()); return null; }
            return new Condition.Test(Condition.Aggregate.COUNT, null, (Condition.Cmp) t.value()[0], (Double) t.value()[1]);
        }
        Entry agg = aggs.get(0);
        if (count != null) { p.issue(count.line(), count.col(), "`count` together with `" + agg.key() + "`", "use either `count:` or an aggregate with `value:`"); return null; }
        String prop = p.name(agg, "a property name", agg.key() + ": revenue");
        if (value == null) { p.issue(agg.line(), agg.col(), "`" + agg.key() + "` needs a `value` test", "add e.g. `value: \">= 100\"`"); return null; }
        Scalars.Parsed<Object[]> t = Scalars.test(value.value(), agg.key().equals("distinct"));
        if (t.error() != null) { p.issue(value.value(), t.error(), t.hint()); return null; }
        if (prop == null) return null;
        return new Condition.Test(Condition.Aggregate.valueOf(agg.key().toUpperCase(java.util.Locale.ROOT)), prop, (Condition.Cmp) t.value()[0], (Double) t.value()[1]);
    }

    Condition lastFirst(MapNode m, Entry k) {
        p.onlyKeys(m, k, List.of(k.key(), "where", "older_than", "within"));
        int before = p.issueCount();
        String name = p.name(k, "an event name", k.key() + ": Order Completed");
        List<Condition.PropFilter> where = p.where(m);
        Entry older = m.entries().get("older_than");
        Entry within = m.entries().get("within");
        if ((older == null) == (within == null)) {
            p.issue(k.line(), k.col(), "`" + k.key() + "` needs exactly one of `older_than` or `within`", "write e.g. `older_than: 90d` (inactive) or `within: 7d` (recent)");
            return null;
        }
        Duration d = p.duration(older != null ? older : within);
        if (p.issueCount() > before) return null;
        return new Condition.LastFirstCond(k.key().equals("last"), name, where, older != null, d);
    }
}
