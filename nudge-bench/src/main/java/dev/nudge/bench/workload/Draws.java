package dev.nudge.bench.workload;

import java.util.SplittableRandom;

/** Random draws the generator needs, over one {@link SplittableRandom} so runs are reproducible. */
final class Draws {

    private final SplittableRandom rng;

    Draws(SplittableRandom rng) {
        this.rng = rng;
    }

    /** A stream for profile {@code index} under {@code seed}: independent of how many profiles there are. */
    static Draws forProfile(long seed, int index) {
        return new Draws(new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index)));
    }

    /** Stafford's mix13: spreads nearby inputs (seed, index) over the whole 64-bit space. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    double uniform() {
        return rng.nextDouble();
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    int below(int n) {
        return rng.nextInt(n);
    }

    long between(long lo, long hiExclusive) {
        return lo + (long) (rng.nextDouble() * (hiExclusive - lo));
    }

    double exponential(double mean) {
        return -mean * Math.log(1 - rng.nextDouble());
    }

    /** Index i with probability weights[i] / sum(weights). */
    int categorical(double[] weights) {
        double total = 0;
        for (double w : weights) total += w;
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.length - 1;
    }

    /** A value from a distribution given by its equally spaced quantiles, interpolated linearly. */
    double fromQuantiles(double[] q) {
        double x = rng.nextDouble() * (q.length - 1);
        int i = (int) x;
        return i >= q.length - 1 ? q[q.length - 1] : q[i] + (x - i) * (q[i + 1] - q[i]);
    }

    /** Gamma(shape, scale) by Marsaglia and Tsang; shapes below 1 use the x·U^(1/shape) boost. */
    double gamma(double shape, double scale) {
        if (shape < 1) {
            return gamma(shape + 1, scale) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x, v;
            do {
                x = normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v * scale;
            }
        }
    }

    double beta(double a, double b) {
        double x = gamma(a, 1), y = gamma(b, 1);
        return x / (x + y);
    }

    private double normal() {
        // Box-Muller; one of the pair is discarded to keep the stream simple to reason about
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
