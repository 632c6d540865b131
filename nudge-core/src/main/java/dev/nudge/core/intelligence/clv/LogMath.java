package dev.nudge.core.intelligence.clv;

import org.hipparchus.special.Gamma;

/**
 * Special functions in log space, so the likelihoods stay finite for customers with hundreds of
 * purchases (where Γ(r + x) and (α + T)^(r + x) overflow a double long before their ratio does).
 */
final class LogMath {

    /** Series terms after which {@link #log2F1} gives up; reached only for z extremely close to 1. */
    static final int MAX_TERMS = 2_000_000;

    private LogMath() {}

    static double lgamma(double v) {
        return Gamma.logGamma(v);
    }

    /** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
    static double logBeta(double a, double b) {
        return lgamma(a) + lgamma(b) - lgamma(a + b);
    }

    /** ln(e^u + e^v) without overflow: the larger exponent is factored out. */
    static double logSumExp(double u, double v) {
        if (u == Double.NEGATIVE_INFINITY) return v;
        if (v == Double.NEGATIVE_INFINITY) return u;
        double m = Math.max(u, v);
        return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
    }

    /**
     * ln ₂F₁(a, b; c; z) for a, b, c &gt; 0 and 0 ≤ z &lt; 1 by the Gauss series.
     *
     * <p>Why this is stable here: with positive parameters and z ≥ 0 every term is positive, so the
     * sum has no cancellation; the term ratio (a+n)(b+n)z / ((c+n)(n+1)) tends to z &lt; 1, so once
     * it drops below 1 the tail is bounded by a geometric series, and we stop when that bound is
     * below 1e-17 of the sum. Terms can first grow to e^(a·z) (large a = r + x), so the running sum
     * is rescaled whenever it passes 1e250 and the scale is kept as a separate logarithm.
     */
    static double log2F1(double a, double b, double c, double z) {
        if (!(a > 0 && b > 0 && c > 0)) throw new IllegalArgumentException("2F1 needs a, b, c > 0, got " + a + ", " + b + ", " + c);
        if (!(z >= 0 && z < 1)) throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
        double logScale = 0;
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
            term *= ratio;
            sum += term;
            if (sum > 1e250) {
                logScale += Math.log(sum);
                term /= sum;
                sum = 1;
            }
            double q = Math.max(ratio, z); // bounds every later ratio once the ratios settle towards z
            if (q < 1 && term * q <= 1e-17 * sum * (1 - q)) return logScale + Math.log(sum);
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
                + MAX_TERMS + " terms; the prediction horizon is too long relative to the customer's history");
    }
}
