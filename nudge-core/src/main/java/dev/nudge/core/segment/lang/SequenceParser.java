package dev.nudge.core.segment.lang;

import dev.nudge.core.segment.lang.Node.Entry;
import dev.nudge.core.segment.lang.Node.ListNode;
import dev.nudge.core.segment.lang.Node.MapNode;
import dev.nudge.core.segment.lang.Node.Scalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code sequence:} steps. Restriction (documented in docs/segments.md): every
 * {@code not_followed_by} step comes after every {@code event} step, and is measured from the last
 * event step — this covers abandoned checkout/browse/cart and keeps "the previous step" well defined.
 */
final class SequenceParser {
    /** Steps are tracked as bits of an int per event; 16 is far beyond any real funnel. */
    static final int MAX_STEPS = 16;
    private final SegmentParser p;

    SequenceParser(SegmentParser p) {
        this.p = p;
    }

    Condition sequence(MapNode m, Entry k) {
        p.onlyKeys(m, k, List.of("sequence", "within"));
        boolean bad = false;
        Duration within = null;
        Entry w = m.entries().get("within");
        if (w != null) {
            within = p.duration(w);
            bad = within == null;
        }
        if (!(k.value() instanceof ListNode l) || l.items().size() < 2) {
            p.issue(k.value(), "`sequence` needs a list of at least two steps", "write `- event: A` then `- event: B` or `- not_followed_by: B` with `within:`; for a single event use `event:`");
            return null;
        }
        if (l.items().size() > MAX_STEPS) {
            p.issue(k.value(), "`sequence` has " + l.items().size() + " steps; at most " + MAX_STEPS + " are allowed", "split the behavior into segments combined with `segment:`");
            return null;
        }
        List<Condition.Step> steps = new ArrayList<>();
        boolean sawNegative = false;
        for (int i = 0; i < l.items().size(); i++) {
            Node item = l.items().get(i);
            if (!(item instanceof MapNode sm)) {
                p.issue(item, "a sequence step must be a map, found " + Node.describe(item), "write `- event: NAME`");
                bad = true;
                continue;
            }
            boolean negative = sm.entries().containsKey("not_followed_by");
            if (!negative && sawNegative && sm.entries().containsKey("event")) {
                p.issue(sm, "an `event` step after `not_followed_by`", "put every `not_followed_by` step last; they are measured from the last `event` step");
                bad = true;
            }
            sawNegative |= negative;
            Condition.Step s = step(sm, i == 0);
            if (s == null) { bad = true; continue; }
            steps.add(s);
        }
        return bad ? null : new Condition.SequenceCond(steps, within);
    }

    private Condition.Step step(MapNode m, boolean first) {
        Entry ev = m.entries().get("event");
        Entry neg = m.entries().get("not_followed_by");
        if (ev != null && neg != null) {
            p.issue(neg.line(), neg.col(), "a step has both `event` and `not_followed_by`", "split it into two steps");
            return null;
        }
        if (ev == null && neg == null) {
            Entry firstKey = m.entries().values().stream().findFirst().orElse(null);
            int line = firstKey == null ? m.line() : firstKey.line(), col = firstKey == null ? m.col() : firstKey.col();
            p.issue(line, col, "a step needs `event: NAME`" + (first ? "" : " or `not_followed_by: NAME`"),
                    firstKey == null ? "write `- event: NAME`" : Spelling.suggest(firstKey.key(), List.of("event", "not_followed_by")));
            return null;
        }
        if (first && neg != null) {
            p.issue(neg.line(), neg.col(), "a sequence cannot start with `not_followed_by`", "start with `- event: NAME`");
            return null;
        }
        Entry k = ev != null ? ev : neg;
        List<String> allowed = first ? List.of("event", "where")
                : ev != null ? List.of("event", "where", "then_within", "same") : List.of("not_followed_by", "where", "within", "same");
        int before = issueCount();
        p.onlyKeys(m, k, allowed);
        String name = p.name(k, "an event name", k.key() + ": Order Completed");
        List<Condition.PropFilter> where = p.where(m);
        Duration window = null;
        Entry w = m.entries().get(ev != null ? "then_within" : "within");
        if (w != null) window = p.duration(w);
        else if (neg != null) p.issue(neg.line(), neg.col(), "`not_followed_by` needs `within`", "add e.g. `within: 1h`: the condition holds once that much time passed without the event");
        List<String> same = List.of();
        Entry s = m.entries().get("same");
        if (s != null) {
            if (s.value() instanceof Scalar sc && sc.value() instanceof String str) same = List.of(str);
            else if (s.value() instanceof ListNode sl && !sl.items().isEmpty() && sl.items().stream().allMatch(x -> x instanceof Scalar xs && xs.value() instanceof String)) {
                same = sl.items().stream().map(x -> ((Scalar) x).text()).toList();
            } else {
                p.issue(s.value(), "`same` needs a list of property names, found " + Node.describe(s.value()), "write e.g. `same: [checkout_id]`");
            }
        }
        if (issueCount() > before) return null;
        return new Condition.Step(neg != null, name, where, window, same);
    }

    private int issueCount() {
        return p.issueCount();
    }
}
