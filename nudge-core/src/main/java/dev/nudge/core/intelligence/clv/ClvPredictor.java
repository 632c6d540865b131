package dev.nudge.core.intelligence.clv;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-customer predictions from a fitted BG/NBD and Gamma-Gamma pair.
 *
 * <p>CLV over a horizon of H weeks with an annual discount rate d is the expected order value times
 * the expected purchases of each week, discounted to the calibration end:
 * <pre>
 *   CLV = m · Σ_{k=1..⌈H⌉} (E[Y(t_k)] − E[Y(t_{k−1})]) / (1 + d)^(t_k / 52.18),   t_k = min(k, H), t_0 = 0
 * </pre>
 * where E[Y(t)] is the BG/NBD conditional expectation and m the Gamma-Gamma expected order value
 * (the two are assumed independent, as in Fader &amp; Hardie 2013); 52.18 = 365.25 / 7 weeks a year.
 * Purchases in week k are discounted as if made at its end. With d = 0 this is m · E[Y(H)].
 */
public final class ClvPredictor {

    static final double WEEKS_PER_YEAR = 365.25 / 7;

    private final BgNbd purchases;
    private final GammaGamma spend;
    private final Instant asOf;
    private final double horizonWeeks;
    private final double annualDiscountRate;

    /**
     * @param asOf the instant the summaries' T is measured to (the calibration end)
     * @param horizonWeeks how far ahead expected purchases and CLV look; positive
     * @param annualDiscountRate e.g. 0.10 for 10 % a year; 0 for no discounting
     */
    public ClvPredictor(BgNbdParams purchases, GammaGammaParams spend, Instant asOf, double horizonWeeks,
            double annualDiscountRate) {
        this.purchases = new BgNbd(purchases);
        this.spend = new GammaGamma(spend);
        this.asOf = Objects.requireNonNull(asOf, "asOf");
        if (!(horizonWeeks > 0) || !Double.isFinite(horizonWeeks)) {
            throw new IllegalArgumentException("horizon " + horizonWeeks + " weeks must be positive, e.g. 52 for a year");
        }
        if (!(annualDiscountRate >= 0) || !Double.isFinite(annualDiscountRate)) {
            throw new IllegalArgumentException("discount rate " + annualDiscountRate + " must be >= 0, e.g. 0.1 for 10 % a year");
        }
        this.horizonWeeks = horizonWeeks;
        this.annualDiscountRate = annualDiscountRate;
    }

    public CustomerPrediction predict(CustomerSummary c) {
        return predict(c, purchaseOutlook(c));
    }

    /**
     * Predictions for many customers. Customers with the same (x, t_x, T) share their purchase
     * outlook (P(alive), expected and discounted purchases, next-order wait), which is most of the
     * cost, so it is computed once per distinct triple; only the spend part is per customer.
     */
    public List<CustomerPrediction> predictAll(List<CustomerSummary> customers) {
        Map<Triple, Outlook> cache = new HashMap<>();
        List<CustomerPrediction> out = new ArrayList<>(customers.size());
        for (CustomerSummary c : customers) {
            Outlook o = cache.computeIfAbsent(new Triple(c.x(), c.tx(), c.T()), k -> purchaseOutlook(c));
            out.add(predict(c, o));
        }
        return out;
    }

    private record Triple(int x, double tx, double T) {}

    /** The parts of a prediction that depend on (x, t_x, T) only. */
    private record Outlook(double alive, double expected, double discounted, double weeksToNext) {}

    private Outlook purchaseOutlook(CustomerSummary c) {
        double alive = purchases.probabilityAlive(c.x(), c.tx(), c.T());
        double expected = purchases.conditionalExpectedPurchases(horizonWeeks, c.x(), c.tx(), c.T());
        double discounted = annualDiscountRate == 0 ? expected : discountedPurchases(c);
        return new Outlook(alive, expected, discounted, purchases.medianWeeksToNextPurchaseIfAlive(c.x(), c.T()));
    }

    private CustomerPrediction predict(CustomerSummary c, Outlook o) {
        double value = spend.expectedOrderValue(c.x(), c.zbar());
        return new CustomerPrediction(c.id(), o.alive(), 1 - o.alive(), o.expected(), value, value * o.discounted(),
                asOf.plus(weeksToDuration(o.weeksToNext())));
    }

    /** Σ_k ΔE[Y(t_k)] · discount(t_k): the expected purchases of the horizon, each week discounted. */
    double discountedPurchases(CustomerSummary c) {
        if (annualDiscountRate == 0) return purchases.conditionalExpectedPurchases(horizonWeeks, c.x(), c.tx(), c.T());
        double logGrowth = Math.log1p(annualDiscountRate) / WEEKS_PER_YEAR;
        double sum = 0;
        double previous = 0;
        int steps = (int) Math.ceil(horizonWeeks);
        for (int k = 1; k <= steps; k++) {
            double t = Math.min(k, horizonWeeks);
            double cumulative = purchases.conditionalExpectedPurchases(t, c.x(), c.tx(), c.T());
            sum += (cumulative - previous) * Math.exp(-logGrowth * t);
            previous = cumulative;
        }
        return sum;
    }

    /** Weeks to a duration, capped at 1,000 years: a near-dead customer's median wait can be astronomically long. */
    static Duration weeksToDuration(double weeks) {
        double seconds = Math.min(weeks * 7 * 86_400, 1000 * 366 * 86_400.0);
        return Duration.ofSeconds((long) Math.floor(seconds));
    }
}
