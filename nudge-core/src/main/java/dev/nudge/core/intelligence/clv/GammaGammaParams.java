package dev.nudge.core.intelligence.clv;

/**
 * Gamma-Gamma spend parameters (Fader &amp; Hardie 2013): a transaction's value is Gamma(p, ν) and
 * ν ~ Gamma(q, γ) across customers. All three must be positive and finite; the mean spend exists
 * only when q &gt; 1, which {@link GammaGamma#expectedOrderValue} checks.
 */
public record GammaGammaParams(double p, double q, double gamma) {

    public GammaGammaParams {
        check("p", p);
        check("q", q);
        check("gamma", gamma);
    }

    private static void check(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("Gamma-Gamma parameter " + name + " = " + v + " must be positive and finite");
        }
    }

    static GammaGammaParams fromLog(double[] v) {
        return new GammaGammaParams(Math.exp(v[0]), Math.exp(v[1]), Math.exp(v[2]));
    }
}
