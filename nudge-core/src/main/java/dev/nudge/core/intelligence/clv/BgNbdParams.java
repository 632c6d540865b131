package dev.nudge.core.intelligence.clv;

/**
 * BG/NBD parameters (Fader, Hardie &amp; Lee 2005): purchase rates λ ~ Gamma(r, α) (α in weeks),
 * dropout probabilities after each purchase p ~ Beta(a, b). All four must be positive and finite.
 */
public record BgNbdParams(double r, double alpha, double a, double b) {

    public BgNbdParams {
        check("r", r);
        check("alpha", alpha);
        check("a", a);
        check("b", b);
    }

    private static void check(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("BG/NBD parameter " + name + " = " + v + " must be positive and finite");
        }
    }

    static BgNbdParams fromLog(double[] p) {
        return new BgNbdParams(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
    }
}
