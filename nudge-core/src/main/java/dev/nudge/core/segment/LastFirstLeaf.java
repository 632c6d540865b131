package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Values;
import java.util.List;

/** {@code last|first: NAME older_than|within D}: keeps one time, the max (last) or min (first). */
final class LastFirstLeaf implements Leaf {
    private final Condition.LastFirstCond c;
    private final long d;

    LastFirstLeaf(Condition.LastFirstCond c) {
        this.c = c;
        this.d = c.d().toMillis();
    }

    @Override
    public LeafState add(LeafState s, Event e, long ts) {
        if (!Values.allHold(c.where(), e.properties(), e.timestamp())) return s;
        if (s instanceof LeafState.Mark m && (c.last() ? m.ts() >= ts : m.ts() <= ts)) return s;
        return new LeafState.Mark(ts);
    }

    @Override
    public boolean holds(LeafState s, long t) {
        if (!(s instanceof LeafState.Mark m)) return false;
        boolean within = m.ts() > t - d;
        return c.olderThan() != within;
    }

    @Override
    public long next(LeafState s, long t) {
        return s instanceof LeafState.Mark m && m.ts() + d > t ? m.ts() + d : Long.MAX_VALUE;
    }

    @Override
    public LeafState prune(LeafState s, long t) {
        return s;
    }

    @Override
    public List<String> names() {
        return List.of(c.name());
    }
}
