package dev.nudge.core.intelligence.clv;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the fitted models say about one customer, as of the calibration end.
 *
 * @param probabilityAlive BG/NBD P(alive | x, t_x, T)
 * @param churnRisk 1 − probabilityAlive
 * @param expectedPurchases expected purchases in the horizon (BG/NBD conditional expectation)
 * @param expectedOrderValue Gamma-Gamma conditional expected value of one order
 * @param clv discounted expected revenue over the horizon (see {@link ClvPredictor})
 * @param expectedNextOrder median date of the next order if the customer is alive
 */
public record CustomerPrediction(String customerId, double probabilityAlive, double churnRisk, double expectedPurchases,
        double expectedOrderValue, double clv, Instant expectedNextOrder) {

    public CustomerPrediction {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(expectedNextOrder, "expectedNextOrder");
        if (!(probabilityAlive >= 0 && probabilityAlive <= 1)) {
            throw new IllegalArgumentException("customer " + customerId + ": P(alive) = " + probabilityAlive + " is not a probability");
        }
    }

    /**
     * The computed traits {@code predicted.*} as a nested map (so the trait path {@code predicted.clv}
     * resolves like {@code consent.email}): probability_alive, churn_risk, expected_purchases,
     * expected_order_value, clv (numbers) and next_order_at (ISO-8601 instant).
     */
    public Map<String, Object> traits() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("probability_alive", probabilityAlive);
        p.put("churn_risk", churnRisk);
        p.put("expected_purchases", expectedPurchases);
        p.put("expected_order_value", expectedOrderValue);
        p.put("clv", clv);
        p.put("next_order_at", expectedNextOrder.toString());
        return Map.of("predicted", p);
    }
}
