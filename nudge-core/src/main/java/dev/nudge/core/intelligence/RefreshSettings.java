package dev.nudge.core.intelligence;

import dev.nudge.core.intelligence.clv.DataRequirements;
import dev.nudge.core.intelligence.rules.RuleOptions;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The knobs of a full refresh of computed traits ({@link IntelligenceRefresh}).
 *
 * @param zone calendar days for RFM recency, purchase days and replenishment (a shop's home zone)
 * @param rfmBins score levels of RFM (5 is usual)
 * @param horizonWeeks horizon of expected purchases and CLV
 * @param annualDiscountRate CLV discount rate per year (0.1 = 10 %)
 * @param requirements what a BG/NBD fit needs; unmet, predictions are skipped and explained. Its
 *     {@code minRepeatBuyers} also gates {@code recency.churn_risk}: that many customers must have
 *     come back at least once before the shop's gaps between orders are a yardstick
 * @param minReplenishmentCustomers re-buying customers a product needs to get an interval
 * @param rules what to mine from order baskets; null skips recommendations
 * @param recommendations how many items {@code recommendations} holds
 */
public record RefreshSettings(ZoneId zone, int rfmBins, double horizonWeeks, double annualDiscountRate,
        DataRequirements requirements, int minReplenishmentCustomers, RuleOptions rules, int recommendations) {

    public RefreshSettings {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(requirements, "requirements");
        if (recommendations < 1) throw new IllegalArgumentException("recommendations " + recommendations + " must be >= 1, e.g. 5");
    }

    /** UTC, 5 bins, a 52-week horizon at 10 % a year, default requirements, 5 re-buyers, rules at 1 % / 30 %, 5 items. */
    public static RefreshSettings defaults() {
        return new RefreshSettings(ZoneId.of("UTC"), 5, 52, 0.1, DataRequirements.defaults(), 5, RuleOptions.of(0.01, 0.3), 5);
    }

    public RefreshSettings withZone(ZoneId z) {
        return new RefreshSettings(z, rfmBins, horizonWeeks, annualDiscountRate, requirements, minReplenishmentCustomers, rules,
                recommendations);
    }
}
