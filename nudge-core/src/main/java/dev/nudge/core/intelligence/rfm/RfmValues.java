package dev.nudge.core.intelligence.rfm;

import java.util.Objects;

/**
 * A customer's raw RFM measures at an analysis date.
 *
 * @param recencyDays calendar days from the last completed order to the analysis date (≥ 0)
 * @param frequency number of distinct completed orders (≥ 1: customers without one are not scored)
 * @param monetary revenue of completed orders minus refunds, rounded to the cent (may be negative)
 */
public record RfmValues(String customerId, long recencyDays, long frequency, double monetary) {

    public RfmValues {
        Objects.requireNonNull(customerId, "customerId");
        if (recencyDays < 0) {
            throw new IllegalArgumentException("customer " + customerId + " ordered " + (-recencyDays)
                    + " days after the analysis date; choose an analysis date after the last order");
        }
        if (frequency < 1) throw new IllegalArgumentException("customer " + customerId + " has no completed order to score");
        if (!Double.isFinite(monetary)) throw new IllegalArgumentException("customer " + customerId + ": monetary " + monetary);
    }
}
