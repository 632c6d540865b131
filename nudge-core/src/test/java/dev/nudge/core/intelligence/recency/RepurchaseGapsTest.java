package dev.nudge.core.intelligence.recency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.nudge.core.intelligence.Order;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Worked by hand. Days counted from 2025-01-01 (day 0), UTC:
 * a orders on days 0, 10, 30 (gaps 10, 20); b on day 0 and twice on day 10 (one purchase day: gap 10);
 * c on days 5, 45 (gap 40); d once, on day 50; e only has a refund. Pooled gaps: 10, 10, 20, 40.
 */
class RepurchaseGapsTest {
    static final LocalDate DAY0 = LocalDate.of(2025, 1, 1);

    static Order order(String customer, String id, int day) {
        return Order.completed(customer, id, DAY0.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC), 10);
    }

    final RepurchaseGaps gaps = RepurchaseGaps.fit(List.of(
            order("a", "a1", 0), order("a", "a2", 10), order("a", "a3", 30),
            order("b", "b1", 0), order("b", "b2", 10), order("b", "b3", 10),
            order("c", "c1", 5), order("c", "c2", 45),
            order("d", "d1", 50),
            Order.refunded("e", "e1", DAY0.plusDays(20).atStartOfDay().toInstant(ZoneOffset.UTC), 5)), ZoneId.of("UTC"));

    @Test
    void churnRisk_isTheShareOfGapsShorterThanTheAbsence_tiesCountingHalf() {
        assertThat(gaps.gapCount()).isEqualTo(4);
        assertThat(gaps.repeatBuyers()).isEqualTo(3);
        assertThat(gaps.churnRisk(0)).isZero();
        assertThat(gaps.churnRisk(10)).isEqualTo(0.25); // (0 shorter + ½·2 equal) / 4
        assertThat(gaps.churnRisk(15)).isEqualTo(0.5);
        assertThat(gaps.churnRisk(20)).isEqualTo(0.625);
        assertThat(gaps.churnRisk(41)).isEqualTo(1.0);
    }

    @Test
    void traits_giveEveryBuyerDaysSinceLastOrder_andTheOneTimeBuyerAChurnRisk() {
        Map<String, Map<String, Object>> t = gaps.traits(DAY0.plusDays(60), true);
        assertThat(t).containsOnlyKeys("a", "b", "c", "d"); // e never completed an order
        assertThat(recency(t, "d")).containsExactly(entry("days_since_last_order", 10L), entry("churn_risk", 0.25));
        assertThat(recency(t, "a")).containsEntry("days_since_last_order", 30L).containsEntry("churn_risk", 0.75);
        assertThat(recency(t, "b")).containsEntry("days_since_last_order", 50L).containsEntry("churn_risk", 1.0);
        assertThat(recency(t, "c")).containsEntry("churn_risk", 0.5);
        assertThat(recency(gaps.traits(DAY0.plusDays(60), false), "d")).containsOnlyKeys("days_since_last_order");
    }

    @Test
    void sufficiency_needsThatManyCustomersWhoCameBack_andSaysSo() {
        assertThat(gaps.sufficient(3)).isTrue();
        assertThat(gaps.sufficient(4)).isFalse();
        assertThat(gaps.insufficiency(4)).contains("only 3 customers ordered on two different days", "at least 4");
        assertThat(RepurchaseGaps.fit(List.of(order("x", "x1", 0)), ZoneId.of("UTC")).sufficient(1)).isFalse();
    }

    @Test
    void quantileDays_isAnObservedGap() {
        assertThat(gaps.quantileDays(0.5)).isEqualTo(10);
        assertThat(gaps.quantileDays(0.9)).isEqualTo(40);
        assertThat(gaps.quantileDays(0)).isEqualTo(10);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recency(Map<String, Map<String, Object>> traits, String id) {
        return (Map<String, Object>) traits.get(id).get("recency");
    }
}
