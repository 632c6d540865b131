package dev.nudge.bench.engine;

import java.util.Arrays;

/**
 * A distribution summary of measured values (nanoseconds, bytes, milliseconds — the caller names
 * the unit). Percentiles are nearest-rank on the sorted values, so p99 of 100 values is the 99th.
 */
public record Stats(long count, double mean, long p50, long p99, long p999, long max) {

    public static Stats of(long[] values, int n) {
        if (n <= 0) throw new IllegalArgumentException("no values measured; the run produced nothing to summarise");
        long[] v = Arrays.copyOf(values, n);
        Arrays.sort(v);
        double sum = 0;
        for (long x : v) sum += x;
        return new Stats(n, sum / n, rank(v, 0.50), rank(v, 0.99), rank(v, 0.999), v[n - 1]);
    }

    static long rank(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** {@code p50 / p99 / p99.9 / max} after dividing by {@code scale} (e.g. 1000 for ns → µs). */
    public String format(double scale, String unit) {
        return String.format("mean %.2f, p50 %.2f, p99 %.2f, p99.9 %.2f, max %.2f %s (n=%d)",
                mean / scale, p50 / scale, p99 / scale, p999 / scale, max / scale, unit, count);
    }
}
