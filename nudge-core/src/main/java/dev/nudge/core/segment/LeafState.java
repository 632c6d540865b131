package dev.nudge.core.segment;

import java.util.Arrays;

/**
 * The per-(profile, leaf condition) state the engine keeps: small immutable values with a compact
 * byte form. Timestamps are epoch milliseconds; every array is sorted by time, ascending, and never
 * mutated after construction (updates return new values).
 */
sealed interface LeafState {

    /** All-time count of matching events, capped at what the test needs to tell apart. */
    record Count(long n) implements LeafState {}

    /** The {@code cap} most recent matching times (a windowed count needs no more, see EventLeaf). */
    record Recent(long[] ts) implements LeafState {}

    /** All-time aggregate: how many numeric values, and their sum (sum/avg) or extreme (min/max). */
    record Agg(long n, double acc) implements LeafState {}

    /** All-time distinct: sorted 64-bit hashes of the distinct values seen. */
    record Hashes(long[] h) implements LeafState {}

    /** Windowed aggregate: (time, value bits) pairs still inside the window; value = double bits or a hash. */
    record Entries(long[] ts, long[] bits) implements LeafState {}

    /**
     * A windowed sum/avg/min/max that outgrew its cap: its oldest events are summarised as
     * (n, sum, min, max, oldest time, newest time), the newer ones kept exactly in (ts, bits).
     * Invariant: every summarised time ≤ {@code newest} ≤ every kept time. The summary is exact
     * until {@code oldest + window}; at that instant the engine re-reads the history.
     */
    record Spilled(long n, double sum, double min, double max, long oldest, long newest, long[] ts, long[] bits) implements LeafState {}

    /** {@code last}/{@code first}: the latest or earliest matching time. */
    record Mark(long ts) implements LeafState {}

    /**
     * A sequence's relevant events: time, which steps each matches (bit i = step i), and per event
     * one hash per step with {@code same:} (row-major, {@code keys.length == ts.length * slots}).
     * {@code done}: a sequence without not_followed_by and without an outer window held once and
     * therefore holds forever (more events, even late ones, cannot undo a chain), so the events
     * are dropped.
     */
    record Seq(boolean done, long[] ts, int[] mask, long[] keys) implements LeafState {}

    /** Inserts {@code v} into sorted {@code a} after any equal values. */
    static long[] insert(long[] a, long v) {
        int i = upper(a, v);
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }

    /** First index whose value is > v. */
    static int upper(long[] a, long v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static long[] dropFirst(long[] a, int k) {
        return k == 0 ? a : Arrays.copyOfRange(a, k, a.length);
    }

    // ---- codec: tag byte, then varints (times as zigzag deltas from the previous time)

    static void write(LeafState s, Bytes.Out o) {
        switch (s) {
            case null -> o.u8(0);
            case Count c -> { o.u8(1); o.varlong(c.n()); }
            case Recent r -> { o.u8(2); times(o, r.ts()); }
            case Agg a -> { o.u8(3); o.varlong(a.n()); o.i64(Double.doubleToRawLongBits(a.acc())); }
            case Hashes h -> { o.u8(4); o.varint(h.h().length); for (long x : h.h()) o.i64(x); }
            case Entries e -> { o.u8(5); times(o, e.ts()); for (long x : e.bits()) value(o, x); }
            case Mark m -> { o.u8(6); o.zigzag(m.ts()); }
            case Spilled p -> {
                o.u8(8);
                o.varlong(p.n());
                value(o, Double.doubleToRawLongBits(p.sum()));
                value(o, Double.doubleToRawLongBits(p.min()));
                value(o, Double.doubleToRawLongBits(p.max()));
                o.zigzag(p.oldest());
                o.zigzag(p.newest() - p.oldest());
                times(o, p.ts());
                for (long x : p.bits()) value(o, x);
            }
            case Seq q -> {
                o.u8(7);
                o.u8(q.done() ? 1 : 0);
                times(o, q.ts());
                for (int m : q.mask()) o.varint(m);
                o.varint(q.keys().length);
                for (long k : q.keys()) o.i64(k);
            }
        }
    }

    static LeafState read(Bytes.In in) {
        int tag = in.u8();
        return switch (tag) {
            case 0 -> null;
            case 1 -> new Count(in.varlong());
            case 2 -> new Recent(times(in));
            case 3 -> new Agg(in.varlong(), Double.longBitsToDouble(in.i64()));
            case 4 -> { long[] h = new long[in.varint()]; for (int i = 0; i < h.length; i++) h[i] = in.i64(); yield new Hashes(h); }
            case 5 -> { long[] ts = times(in); long[] b = new long[ts.length]; for (int i = 0; i < b.length; i++) b[i] = value(in); yield new Entries(ts, b); }
            case 6 -> new Mark(in.zigzag());
            case 8 -> {
                long n = in.varlong();
                double sum = Double.longBitsToDouble(value(in)), min = Double.longBitsToDouble(value(in)), max = Double.longBitsToDouble(value(in));
                long oldest = in.zigzag();
                long newest = oldest + in.zigzag();
                long[] ts = times(in);
                long[] b = new long[ts.length];
                for (int i = 0; i < b.length; i++) b[i] = value(in);
                yield new Spilled(n, sum, min, max, oldest, newest, ts, b);
            }
            case 7 -> {
                boolean done = in.u8() == 1;
                long[] ts = times(in);
                int[] mask = new int[ts.length];
                for (int i = 0; i < mask.length; i++) mask[i] = in.varint();
                long[] keys = new long[in.varint()];
                for (int i = 0; i < keys.length; i++) keys[i] = in.i64();
                yield new Seq(done, ts, mask, keys);
            }
            default -> throw new IllegalArgumentException("corrupt segment state: unknown leaf tag " + tag + "; rebuild the profile's state from history");
        };
    }

    /**
     * A windowed value: whole numbers and whole cents (most revenues) as a zigzag varint with a
     * 2-bit mode, anything else (other doubles, hashes) as 8 raw bytes. Exact either way: the mode
     * is chosen only when decoding gives back the same bits.
     */
    private static void value(Bytes.Out o, long bits) {
        double x = Double.longBitsToDouble(bits);
        if (Math.abs(x) < 1e12) {
            long whole = (long) x;
            if (Double.doubleToRawLongBits((double) whole) == bits) { o.zigzag(whole << 2); return; }
            long cents = Math.round(x * 100);
            if (Double.doubleToRawLongBits(cents / 100.0) == bits) { o.zigzag((cents << 2) | 1); return; }
        }
        o.zigzag(2);
        o.i64(bits);
    }

    private static long value(Bytes.In in) {
        long v = in.zigzag();
        return switch ((int) (v & 3)) {
            case 0 -> Double.doubleToRawLongBits((double) (v >> 2));
            case 1 -> Double.doubleToRawLongBits((v >> 2) / 100.0);
            default -> in.i64();
        };
    }

    private static void times(Bytes.Out o, long[] ts) {
        o.varint(ts.length);
        long prev = 0;
        for (long t : ts) { o.zigzag(t - prev); prev = t; }
    }

    private static long[] times(Bytes.In in) {
        long[] ts = new long[in.varint()];
        long prev = 0;
        for (int i = 0; i < ts.length; i++) { prev += in.zigzag(); ts[i] = prev; }
        return ts;
    }
}
