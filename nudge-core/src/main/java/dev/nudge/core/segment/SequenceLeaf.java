package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Condition.Step;
import dev.nudge.core.segment.lang.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sequence:}. Keeps the events that match any step (time, step mask, {@code same:} hashes),
 * sorted by time, so late events slot in where they belong. Holding is decided by a forward pass
 * per first-step occurrence: the set of events that can end a valid chain of positive steps (a
 * later event of the next step, within {@code then_within} of some reachable predecessor — checking
 * the latest predecessor before it suffices, as it gives the smallest gap), then the
 * {@code not_followed_by} deadlines measured from each chain end.
 *
 * <p>Memory: with an outer {@code within: W}, events at or before t − W are dropped (no chain
 * through them can count again); a sequence with neither W nor not_followed_by becomes
 * {@code done} once it holds. A sequence with not_followed_by and no W keeps its events (documented).
 */
final class SequenceLeaf implements Leaf {
    private final Condition.SequenceCond c;
    private final Step[] steps;
    private final long outer; // ms or -1
    private final int positives;
    private final int[] slot; // step index → position in the per-event key row, or -1
    private final int slots;
    private final boolean monotone;

    SequenceLeaf(Condition.SequenceCond c) {
        this.c = c;
        this.steps = c.steps().toArray(Step[]::new);
        this.outer = c.within() == null ? -1 : c.within().toMillis();
        this.positives = c.positiveCount();
        this.slot = new int[steps.length];
        int k = 0;
        for (int i = 0; i < steps.length; i++) slot[i] = steps[i].same().isEmpty() ? -1 : k++;
        this.slots = k;
        this.monotone = outer < 0 && positives == steps.length;
    }

    @Override
    public LeafState add(LeafState s, Event e, long ts) {
        LeafState.Seq q = s instanceof LeafState.Seq x ? x : new LeafState.Seq(false, new long[0], new int[0], new long[0]);
        if (q.done()) return q;
        String name = e.conditionName();
        int mask = 0;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].name().equals(name) && Values.allHold(steps[i].where(), e.properties(), e.timestamp())) mask |= 1 << i;
        }
        if (mask == 0) return s;
        int at = LeafState.upper(q.ts(), ts);
        int n = q.ts().length;
        long[] ts2 = LeafState.insert(q.ts(), ts);
        int[] m2 = new int[n + 1];
        System.arraycopy(q.mask(), 0, m2, 0, at);
        m2[at] = mask;
        System.arraycopy(q.mask(), at, m2, at + 1, n - at);
        long[] k2 = new long[(n + 1) * slots];
        System.arraycopy(q.keys(), 0, k2, 0, at * slots);
        for (int i = 0; i < steps.length; i++) if (slot[i] >= 0) k2[at * slots + slot[i]] = key(steps[i], e);
        System.arraycopy(q.keys(), at * slots, k2, (at + 1) * slots, (n - at) * slots);
        return new LeafState.Seq(false, ts2, m2, k2);
    }

    /** Hash of the step's {@code same:} properties in this event; ABSENT if any is missing. */
    private static long key(Step s, Event e) {
        long h = 1;
        for (String p : s.same()) {
            Object v = Values.lookup(e.properties(), p);
            if (v == null) return Values.ABSENT;
            h = h * 1_000_003L + Values.hash(v);
        }
        return h == Values.ABSENT ? h + 1 : h;
    }

    private boolean same(LeafState.Seq q, int step, int first, int other) {
        int k = slot[step];
        if (k < 0) return true;
        long a = q.keys()[first * slots + k];
        return a != Values.ABSENT && a == q.keys()[other * slots + k];
    }

    @Override
    public boolean holds(LeafState s, long t) {
        if (!(s instanceof LeafState.Seq q)) return false;
        if (q.done()) return true;
        long[] ts = q.ts();
        int n = ts.length;
        int end = LeafState.upper(ts, t); // events after t do not exist yet at t
        boolean[] cur = new boolean[n];
        boolean[] nxt = new boolean[n];
        for (int i0 = 0; i0 < end; i0++) {
            if ((q.mask()[i0] & 1) == 0 || (outer >= 0 && ts[i0] <= t - outer)) continue;
            Arrays.fill(cur, false);
            cur[i0] = true;
            boolean any = true;
            for (int st = 1; st < positives && any; st++) {
                Arrays.fill(nxt, false);
                any = false;
                long latest = Long.MIN_VALUE; // latest reachable predecessor strictly before ts[j]
                int p = 0;
                for (int j = 0; j < end; j++) {
                    while (p < end && ts[p] < ts[j]) { if (cur[p]) latest = ts[p]; p++; }
                    if ((q.mask()[j] & (1 << st)) == 0 || latest == Long.MIN_VALUE || !same(q, st, i0, j)) continue;
                    if (steps[st].window() != null && ts[j] > latest + steps[st].window().toMillis()) continue;
                    nxt[j] = true;
                    any = true;
                }
                boolean[] tmp = cur; cur = nxt; nxt = tmp;
            }
            if (!any) continue;
            if (positives == steps.length) return true;
            for (int k = 0; k < end; k++) if (cur[k] && negativesHold(q, i0, k, t)) return true;
        }
        return false;
    }

    private boolean negativesHold(LeafState.Seq q, int i0, int k, long t) {
        long[] ts = q.ts();
        for (int st = positives; st < steps.length; st++) {
            long deadline = ts[k] + steps[st].window().toMillis();
            if (t < deadline) return false;
            for (int m = k + 1; m < ts.length && ts[m] <= deadline; m++) {
                if (ts[m] > ts[k] && (q.mask()[m] & (1 << st)) != 0 && same(q, st, i0, m)) return false;
            }
        }
        return true;
    }

    @Override
    public long next(LeafState s, long t) {
        if (!(s instanceof LeafState.Seq q) || q.done()) return Long.MAX_VALUE;
        long best = Long.MAX_VALUE;
        int lastPositive = 1 << (positives - 1);
        for (int i = 0; i < q.ts().length; i++) {
            long ts = q.ts()[i];
            if (outer >= 0 && (q.mask()[i] & 1) != 0 && ts + outer > t) best = Math.min(best, ts + outer);
            if ((q.mask()[i] & lastPositive) != 0) {
                for (int st = positives; st < steps.length; st++) {
                    long d = ts + steps[st].window().toMillis();
                    if (d > t) best = Math.min(best, d);
                }
            }
        }
        return best;
    }

    @Override
    public LeafState prune(LeafState s, long t) {
        if (!(s instanceof LeafState.Seq q) || q.done()) return s;
        if (monotone) return holds(q, t) ? new LeafState.Seq(true, new long[0], new int[0], new long[0]) : q;
        if (outer < 0) return q;
        int k = LeafState.upper(q.ts(), t - outer);
        if (k == 0) return q;
        if (k == q.ts().length) return null;
        return new LeafState.Seq(false, LeafState.dropFirst(q.ts(), k), Arrays.copyOfRange(q.mask(), k, q.mask().length),
                Arrays.copyOfRange(q.keys(), k * slots, q.keys().length));
    }

    @Override
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (Step s : steps) if (!out.contains(s.name())) out.add(s.name());
        return out;
    }
}
