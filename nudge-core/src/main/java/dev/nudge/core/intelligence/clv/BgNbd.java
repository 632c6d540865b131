package dev.nudge.core.intelligence.clv;

import static dev.nudge.core.intelligence.clv.LogMath.lgamma;
import static dev.nudge.core.intelligence.clv.LogMath.log2F1;
import static dev.nudge.core.intelligence.clv.LogMath.logSumExp;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting Your Customers the Easy Way"), time in
 * weeks. Pure functions of fitted parameters and a customer's (x, t_x, T); equation numbers are the
 * paper's.
 */
public final class BgNbd {

    private final BgNbdParams p;

    public BgNbd(BgNbdParams params) {
        this.p = params;
    }

    public BgNbdParams params() {
        return p;
    }

    /**
     * Individual log-likelihood (eq. 6), written so nothing overflows:
     * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
     *        + ln[ (α+T)^−(r+x) + 1{x&gt;0} · a/(b+x−1) · (α+t_x)^−(r+x) ],
     * the last term by log-sum-exp of the two exponents.
     */
    public static double logLikelihood(BgNbdParams p, int x, double tx, double T) {
        return logLikelihoodHead(p, x) + logLikelihoodTail(p, x, tx, T);
    }

    /** The part of the log-likelihood that depends on x only (shared by customers with equal x in a fit). */
    static double logLikelihoodHead(BgNbdParams p, int x) {
        double r = p.r(), a = p.a(), b = p.b();
        return lgamma(r + x) - lgamma(r) + r * Math.log(p.alpha())
                + lgamma(a + b) + lgamma(b + x) - lgamma(b) - lgamma(a + b + x);
    }

    /** The rest: ln[(α+T)^−(r+x) + 1{x>0} a/(b+x−1) (α+t_x)^−(r+x)] by log-sum-exp. */
    static double logLikelihoodTail(BgNbdParams p, int x, double tx, double T) {
        double r = p.r(), alpha = p.alpha();
        double stays = -(r + x) * Math.log(alpha + T);
        double leftAfterLast = x > 0
                ? Math.log(p.a()) - Math.log(p.b() + x - 1) - (r + x) * Math.log(alpha + tx)
                : Double.NEGATIVE_INFINITY;
        return logSumExp(stays, leftAfterLast);
    }

    public double logLikelihood(CustomerSummary c) {
        return logLikelihood(p, c.x(), c.tx(), c.T());
    }

    /**
     * ln of the odds term in P(alive) and E[Y(t) | x, t_x, T]:
     * ln[ a/(b+x−1) · ((α+T)/(α+t_x))^(r+x) ], or −∞ when x = 0 (a customer without repeat purchases
     * cannot have dropped out: in BG/NBD dropout happens only right after a purchase).
     */
    private double logDeadOdds(int x, double tx, double T) {
        if (x == 0) return Double.NEGATIVE_INFINITY;
        return Math.log(p.a()) - Math.log(p.b() + x - 1) + (p.r() + x) * (Math.log(p.alpha() + T) - Math.log(p.alpha() + tx));
    }

    /** P(alive | x, t_x, T) (eq. 12) = 1 / (1 + odds); computed as a logistic of ln odds so it never overflows. */
    public double probabilityAlive(int x, double tx, double T) {
        double lo = logDeadOdds(x, tx, T);
        return lo == Double.NEGATIVE_INFINITY ? 1.0 : 1.0 / (1.0 + Math.exp(lo));
    }

    /**
     * E[X(t)]: expected purchases of a new customer in (0, t] (eq. 9):
     * (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
     */
    public double expectedPurchases(double t) {
        if (t <= 0) return 0;
        double r = p.r(), alpha = p.alpha(), a = nudgeAwayFromOne(p.a()), b = p.b();
        double z = t / (alpha + t);
        double bracket = -Math.expm1(r * Math.log(alpha / (alpha + t)) + log2F1(r, b, a + b - 1, z));
        return (a + b - 1) / (a - 1) * bracket;
    }

    /**
     * E[Y(t) | x, t_x, T]: expected purchases in the next t weeks after the calibration end (eq. 10):
     * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] / (1 + odds).
     * For a &lt; 1 both the fraction and the bracket are negative; the product is the same analytic
     * expression and stays positive.
     */
    public double conditionalExpectedPurchases(double t, int x, double tx, double T) {
        if (t <= 0) return 0;
        double r = p.r(), alpha = p.alpha(), a = nudgeAwayFromOne(p.a()), b = p.b();
        double z = t / (alpha + T + t);
        double logPow = (r + x) * Math.log((alpha + T) / (alpha + T + t));
        double bracket = -Math.expm1(logPow + log2F1(r + x, b + x, a + b + x - 1, z));
        double numerator = (a + b + x - 1) / (a - 1) * bracket;
        return numerator * probabilityAlive(x, tx, T);
    }

    /**
     * Median weeks from the calibration end to the next purchase, given the customer is alive.
     * In BG/NBD an alive customer buys as a Poisson process with rate λ, and λ | alive, x, T ~
     * Gamma(r+x, α+T); so the waiting time is Lomax with median (α+T)(2^(1/(r+x)) − 1). The median
     * is used because the mean is infinite when r + x ≤ 1 (most one-time buyers).
     */
    public double medianWeeksToNextPurchaseIfAlive(int x, double T) {
        double shape = p.r() + x;
        return (p.alpha() + T) * Math.expm1(Math.log(2) / shape);
    }

    /** The formulas divide by a − 1; a fitted a of exactly 1 is moved by 1e-9, far below fitting noise. */
    private static double nudgeAwayFromOne(double a) {
        return Math.abs(a - 1) < 1e-9 ? 1 + 1e-9 : a;
    }
}
