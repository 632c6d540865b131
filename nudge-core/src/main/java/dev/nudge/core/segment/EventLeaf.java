package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.lang.Condition;
import dev.nudge.core.segment.lang.Condition.Aggregate;
import dev.nudge.core.segment.lang.Values;
import java.util.Arrays;
import java.util.List;

/**
 * {@code event: NAME} with filters, a window and a count or aggregate test.
 *
 * <p>State by shape: an all-time count is one number capped at {@link #cap}; a windowed count keeps
 * only the {@code cap} most recent matching times — the count in (t − W, t] compared with N is
 * decided by min(count, cap) where cap = N for {@code >=}/{@code <} and N + 1 otherwise, and the
 * most recent {@code cap} times are exactly the ones that can be in the window. That makes windowed
 * counts bounded and exact, and insertion by time makes late events land where they belong. All-time
 * aggregates keep (n, sum|min|max), or up to {@code cap} distinct hashes; windowed distinct keeps
 * one (latest time, hash) per value; windowed sum/avg/min/max keep the (time, value) pairs still in
 * the window, dropped as they age out (exact, but the size grows with the in-window events —
 * docs/segments.md).
 */
final class EventLeaf implements Leaf {
    private final Condition.EventCond c;
    private final long window; // ms, or -1 for no sliding window
    private final long from;
    private final long to;
    private final int cap;
    private final int windowCap;

    EventLeaf(Condition.EventCond c, int windowCap) {
        this.windowCap = windowCap;
        this.c = c;
        this.window = c.within() == null ? -1 : c.within().toMillis();
        this.from = c.from() == null ? Long.MIN_VALUE : c.from().toEpochMilli();
        this.to = c.to() == null ? Long.MAX_VALUE : c.to().toEpochMilli();
        int n = (int) c.test().n();
        this.cap = switch (c.test().cmp()) {
            case GE, LT -> n;
            default -> n + 1;
        };
    }

    @Override
    public LeafState add(LeafState s, Event e, long ts) {
        if (ts < from || ts > to || !Values.allHold(c.where(), e.properties(), e.timestamp())) return s;
        Condition.Test test = c.test();
        if (test.aggregate() == Aggregate.COUNT) {
            if (window < 0) {
                long n = s instanceof LeafState.Count k ? k.n() : 0;
                return n >= cap ? s : new LeafState.Count(n + 1);
            }
            long[] r = s instanceof LeafState.Recent k ? k.ts() : new long[0];
            if (cap == 0 || (r.length == cap && ts <= r[0])) return s;
            long[] out = LeafState.insert(r, ts);
            return new LeafState.Recent(out.length > cap ? LeafState.dropFirst(out, out.length - cap) : out);
        }
        Object v = Values.lookup(e.properties(), test.property());
        if (v == null) return s;
        long bits;
        if (test.aggregate() == Aggregate.DISTINCT) {
            bits = Values.hash(v);
            if (window < 0) {
                long[] h = s instanceof LeafState.Hashes k ? k.h() : new long[0];
                int i = Arrays.binarySearch(h, bits);
                // all-time distinct only grows: once `cap` values are known the test's answer is fixed
                if (i >= 0 || h.length >= cap) return s;
                long[] out = new long[h.length + 1];
                int at = -i - 1;
                System.arraycopy(h, 0, out, 0, at);
                out[at] = bits;
                System.arraycopy(h, at, out, at + 1, h.length - at);
                return new LeafState.Hashes(out);
            }
        } else {
            double x = Values.number(v);
            if (Double.isNaN(x)) return s;
            if (window < 0) {
                LeafState.Agg a = s instanceof LeafState.Agg k ? k : null;
                if (a == null) return new LeafState.Agg(1, x);
                double acc = switch (test.aggregate()) {
                    case MIN -> Math.min(a.acc(), x);
                    case MAX -> Math.max(a.acc(), x);
                    default -> a.acc() + x;
                };
                return new LeafState.Agg(a.n() + 1, acc);
            }
            bits = Double.doubleToRawLongBits(x);
            if (s instanceof LeafState.Spilled sp) return addSpilled(sp, ts, x, bits);
        }
        LeafState.Entries en = s instanceof LeafState.Entries k ? k : new LeafState.Entries(new long[0], new long[0]);
        if (test.aggregate() == Aggregate.DISTINCT) {
            // a value counts while its latest occurrence is in the window: keep one entry per value, the latest
            for (int i = 0; i < en.ts().length; i++) {
                if (en.bits()[i] != bits) continue;
                if (en.ts()[i] >= ts) return s;
                en = new LeafState.Entries(remove(en.ts(), i), remove(en.bits(), i));
                break;
            }
        }
        int at = LeafState.upper(en.ts(), ts);
        long[] t2 = LeafState.insert(en.ts(), ts);
        long[] b2 = insertAt(en.bits(), at, bits);
        if (test.aggregate() != Aggregate.DISTINCT && t2.length > windowCap) {
            return spill(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Long.MAX_VALUE, t2, b2);
        }
        return new LeafState.Entries(t2, b2);
    }

    private static long[] insertAt(long[] a, int at, long v) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    /** An event into a spilled state: into the summary if not newer than it (late), else kept exactly. */
    private LeafState addSpilled(LeafState.Spilled sp, long ts, double x, long bits) {
        if (ts <= sp.newest()) {
            return new LeafState.Spilled(sp.n() + 1, sp.sum() + x, Math.min(sp.min(), x), Math.max(sp.max(), x),
                    Math.min(sp.oldest(), ts), sp.newest(), sp.ts(), sp.bits());
        }
        int at = LeafState.upper(sp.ts(), ts);
        long[] t2 = LeafState.insert(sp.ts(), ts);
        long[] b2 = insertAt(sp.bits(), at, bits);
        if (t2.length > windowCap) return spill(sp.n(), sp.sum(), sp.min(), sp.max(), sp.oldest(), t2, b2);
        return new LeafState.Spilled(sp.n(), sp.sum(), sp.min(), sp.max(), sp.oldest(), sp.newest(), t2, b2);
    }

    /** Moves the older half of the kept pairs into the summary (time buckets of "everything older than newest"). */
    private static LeafState spill(long n, double sum, double min, double max, long oldest, long[] ts, long[] bits) {
        int k = ts.length / 2;
        for (int i = 0; i < k; i++) {
            double x = Double.longBitsToDouble(bits[i]);
            n++;
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            oldest = Math.min(oldest, ts[i]);
        }
        return new LeafState.Spilled(n, sum, min, max, oldest, ts[k - 1], LeafState.dropFirst(ts, k), LeafState.dropFirst(bits, k));
    }

    @Override
    public boolean needsHistory(LeafState s, long t) {
        return s instanceof LeafState.Spilled sp && t >= sp.oldest() + window;
    }

    @Override
    public long horizon() {
        return window;
    }

    private static long[] remove(long[] a, int i) {
        long[] out = new long[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    @Override
    public boolean holds(LeafState s, long t) {
        Condition.Test test = c.test();
        long lo = window < 0 ? Long.MIN_VALUE : t - window; // in window: time > lo
        switch (test.aggregate()) {
            case COUNT -> {
                long n;
                if (window < 0) n = s instanceof LeafState.Count k ? k.n() : 0;
                else n = s instanceof LeafState.Recent r ? r.ts().length - LeafState.upper(r.ts(), lo) : 0;
                return test.cmp().test(n, test.n());
            }
            case DISTINCT -> {
                if (window < 0) return test.cmp().test(s instanceof LeafState.Hashes h ? h.h().length : 0, test.n());
                if (!(s instanceof LeafState.Entries e)) return test.cmp().test(0, test.n());
                int i0 = LeafState.upper(e.ts(), lo);
                long[] hs = Arrays.copyOfRange(e.bits(), i0, e.bits().length);
                Arrays.sort(hs);
                int distinct = 0;
                for (int i = 0; i < hs.length; i++) if (i == 0 || hs[i] != hs[i - 1]) distinct++;
                return test.cmp().test(distinct, test.n());
            }
            default -> {
                long n;
                double acc;
                if (s instanceof LeafState.Spilled sp) {
                    // precondition (the engine re-reads history first): t < oldest + window, so every event is in the window
                    n = sp.n();
                    acc = switch (test.aggregate()) {
                        case MIN -> sp.min();
                        case MAX -> sp.max();
                        default -> sp.sum();
                    };
                    for (long b : sp.bits()) {
                        double x = Double.longBitsToDouble(b);
                        acc = switch (test.aggregate()) {
                            case MIN -> Math.min(acc, x);
                            case MAX -> Math.max(acc, x);
                            default -> acc + x;
                        };
                        n++;
                    }
                } else if (window < 0) {
                    if (!(s instanceof LeafState.Agg a)) { n = 0; acc = 0; } else { n = a.n(); acc = a.acc(); }
                } else {
                    n = 0;
                    acc = 0;
                    if (s instanceof LeafState.Entries e) {
                        for (int i = LeafState.upper(e.ts(), lo); i < e.ts().length; i++) {
                            double x = Double.longBitsToDouble(e.bits()[i]);
                            acc = n == 0 ? x : switch (test.aggregate()) {
                                case MIN -> Math.min(acc, x);
                                case MAX -> Math.max(acc, x);
                                default -> acc + x;
                            };
                            n++;
                        }
                    }
                }
                if (test.aggregate() == Aggregate.SUM) return test.cmp().test(n == 0 ? 0 : acc, test.n());
                if (n == 0) return false;
                return test.cmp().test(test.aggregate() == Aggregate.AVG ? acc / n : acc, test.n());
            }
        }
    }

    @Override
    public long next(LeafState s, long t) {
        if (window < 0) return Long.MAX_VALUE;
        if (s instanceof LeafState.Spilled sp) return sp.oldest() + window > t ? sp.oldest() + window : Long.MAX_VALUE;
        long[] ts = s instanceof LeafState.Recent r ? r.ts() : s instanceof LeafState.Entries e ? e.ts() : null;
        if (ts == null) return Long.MAX_VALUE;
        int i = LeafState.upper(ts, t - window); // oldest time still in the window leaves first
        return i < ts.length ? ts[i] + window : Long.MAX_VALUE;
    }

    @Override
    public LeafState prune(LeafState s, long t) {
        if (window < 0) return s;
        if (s instanceof LeafState.Recent r) {
            int k = LeafState.upper(r.ts(), t - window);
            return k == 0 ? s : k == r.ts().length ? null : new LeafState.Recent(LeafState.dropFirst(r.ts(), k));
        }
        if (s instanceof LeafState.Entries e) {
            int k = LeafState.upper(e.ts(), t - window);
            return k == 0 ? s : k == e.ts().length ? null : new LeafState.Entries(LeafState.dropFirst(e.ts(), k), LeafState.dropFirst(e.bits(), k));
        }
        return s;
    }

    @Override
    public List<String> names() {
        return List.of(c.name());
    }
}
