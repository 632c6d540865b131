package dev.nudge.core.intelligence.clv;

import static dev.nudge.core.intelligence.clv.LogMath.lgamma;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.optim.PointValuePair;

/**
 * The Gamma-Gamma model of monetary value (Fader &amp; Hardie 2013). It is fitted on repeat buyers
 * only (x &gt; 0), with zbar the mean value of their repeat purchase days; customers with zbar = 0
 * (only free repeat orders) are left out of the fit, since the model gives zero spend probability zero.
 */
public final class GammaGamma {

    private final GammaGammaParams g;

    public GammaGamma(GammaGammaParams params) {
        this.g = params;
    }

    public GammaGammaParams params() {
        return g;
    }

    /**
     * Log density of a customer's mean spend zbar over x transactions:
     * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln zbar + px ln x − (px+q) ln(x·zbar + γ).
     */
    public static double logLikelihood(GammaGammaParams g, int x, double zbar) {
        double p = g.p(), q = g.q(), gamma = g.gamma();
        double px = p * x;
        return lgamma(px + q) - lgamma(px) - lgamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(zbar)
                + px * Math.log(x) - (px + q) * Math.log(x * zbar + gamma);
    }

    /**
     * E[Z | zbar, x] = p(γ + x·zbar) / (px + q − 1): a weighted mean of the population mean pγ/(q−1)
     * and the customer's own zbar, the weight of zbar growing with x. With x = 0 it is the population mean.
     */
    public double expectedOrderValue(int x, double zbar) {
        if (g.q() <= 1) {
            throw new IllegalStateException("Gamma-Gamma q = " + g.q() + " <= 1: the spend distribution has no mean; "
                    + "fit on more repeat buyers or check the order values for outliers");
        }
        return g.p() * (g.gamma() + x * zbar) / (g.p() * x + g.q() - 1);
    }

    /** The repeat buyers with positive zbar: the customers the spend model is fitted on. */
    public static List<CustomerSummary> fittable(List<CustomerSummary> customers) {
        List<CustomerSummary> out = new ArrayList<>();
        for (CustomerSummary c : customers) if (c.x() > 0 && c.zbar() > 0) out.add(c);
        return out;
    }

    /**
     * Maximum-likelihood fit on the {@link #fittable} customers of {@code customers}.
     *
     * @throws InsufficientDataException when fewer than {@code minRepeatBuyers} customers qualify
     */
    public static GammaGammaFit fit(List<CustomerSummary> customers, int minRepeatBuyers) {
        List<CustomerSummary> repeat = fittable(customers);
        if (repeat.size() < Math.max(2, minRepeatBuyers)) {
            throw new InsufficientDataException(List.of("only " + repeat.size() + " repeat buyers with a positive order "
                    + "value; the spend model needs at least " + Math.max(2, minRepeatBuyers)
                    + " — wait for more repeat purchases or lower the requirement"));
        }
        SpendSums sums = new SpendSums(repeat);
        PointValuePair best = MaximumLikelihood.maximize(logParams -> sums.logLikelihood(GammaGammaParams.fromLog(logParams)),
                new double[] {0, 0, 0});
        return new GammaGammaFit(GammaGammaParams.fromLog(best.getPoint()), best.getValue(), repeat.size());
    }

    /**
     * The summed log-likelihood, regrouped so each evaluation costs one logarithm per customer:
     * the Γ and ln x terms depend on x only (computed once per distinct x, times its count), and
     * Σ (px−1) ln zbar = p Σ x ln zbar − Σ ln zbar is two parameter-free sums. Only
     * ln(x·zbar + γ) needs every customer.
     */
    static final class SpendSums {
        private final int[] distinctX;
        private final long[] countOfX;
        private final double[] xs, xzbar;
        private final double sumXLogZ, sumLogZ;

        SpendSums(List<CustomerSummary> repeat) {
            java.util.TreeMap<Integer, Long> counts = new java.util.TreeMap<>();
            int n = repeat.size();
            xs = new double[n];
            xzbar = new double[n];
            double sxl = 0, sl = 0;
            for (int i = 0; i < n; i++) {
                CustomerSummary c = repeat.get(i);
                counts.merge(c.x(), 1L, Long::sum);
                xs[i] = c.x();
                xzbar[i] = c.x() * c.zbar();
                double lz = Math.log(c.zbar());
                sxl += c.x() * lz;
                sl += lz;
            }
            sumXLogZ = sxl;
            sumLogZ = sl;
            distinctX = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
            countOfX = counts.values().stream().mapToLong(Long::longValue).toArray();
        }

        double logLikelihood(GammaGammaParams g) {
            double p = g.p(), q = g.q(), gamma = g.gamma();
            double sum = p * sumXLogZ - sumLogZ;
            double perCustomer = -lgamma(q) + q * Math.log(gamma);
            for (int k = 0; k < distinctX.length; k++) {
                double px = p * distinctX[k];
                sum += countOfX[k] * (perCustomer + lgamma(px + q) - lgamma(px) + px * Math.log(distinctX[k]));
            }
            for (int i = 0; i < xs.length; i++) sum -= (p * xs[i] + q) * Math.log(xzbar[i] + gamma);
            return sum;
        }
    }

    /** The fitted spend model, its log-likelihood and the number of repeat buyers used. */
    public record GammaGammaFit(GammaGammaParams params, double logLikelihood, int customers) {}
}
