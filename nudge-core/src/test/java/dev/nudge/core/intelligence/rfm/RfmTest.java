package dev.nudge.core.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.intelligence.Order;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RfmTest {

    static Instant day(String d) {
        return LocalDate.parse(d).atTime(15, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void measure_refundsSubtractButNeitherCountNorMoveRecency() {
        List<Order> orders = List.of(Order.completed("a", "1", day("2024-01-01"), 100),
                Order.completed("a", "2", day("2024-01-10"), 50),
                Order.completed("a", "2", day("2024-01-10"), 0), // a second line of the same order id
                Order.refunded("a", "r1", day("2024-01-20"), 30),
                Order.refunded("b", "r2", day("2024-01-05"), -10)); // refunds only: not scored
        List<RfmValues> v = Rfm.measure(orders, LocalDate.parse("2024-02-01"), ZoneOffset.UTC);
        assertThat(v).containsExactly(new RfmValues("a", 22, 2, 120.0));
    }

    @Test
    void analysisDate_isTheDayAfterTheLastCompletedOrder() {
        List<Order> orders = List.of(Order.completed("a", "1", day("2024-01-01"), 1), Order.refunded("a", "r", day("2024-03-01"), 1));
        assertThat(Rfm.dayAfterLastOrder(orders, ZoneOffset.UTC)).isEqualTo(LocalDate.parse("2024-01-02"));
    }

    @Test
    void groups_followTheGrid() {
        assertThat(RfmGroup.of(5, 5, 5, 5)).isEqualTo(RfmGroup.CHAMPIONS);
        assertThat(RfmGroup.of(5, 1, 1, 5)).isEqualTo(RfmGroup.NEW);
        assertThat(RfmGroup.of(1, 1, 1, 5)).isEqualTo(RfmGroup.LOST);
        assertThat(RfmGroup.of(1, 5, 4, 5)).isEqualTo(RfmGroup.CANT_LOSE); // FM = round(4.5) = 5
        assertThat(RfmGroup.of(2, 3, 4, 5)).isEqualTo(RfmGroup.AT_RISK); // FM = round(3.5) = 4
        assertThat(RfmGroup.of(3, 3, 3, 5)).isEqualTo(RfmGroup.NEED_ATTENTION);
        assertThat(RfmGroup.of(4, 1, 1, 5)).isEqualTo(RfmGroup.PROMISING);
        assertThat(RfmGroup.of(3, 1, 2, 5)).isEqualTo(RfmGroup.ABOUT_TO_SLEEP);
        assertThat(RfmGroup.of(2, 1, 2, 5)).isEqualTo(RfmGroup.HIBERNATING);
        assertThat(RfmGroup.of(4, 2, 3, 5)).isEqualTo(RfmGroup.POTENTIAL_LOYALIST);
        assertThat(RfmGroup.of(3, 4, 4, 5)).isEqualTo(RfmGroup.LOYAL);
    }

    @Test
    void groups_onOtherScales_areMappedToFiveLevels() {
        assertThat(RfmGroup.of(10, 10, 10, 10)).isEqualTo(RfmGroup.CHAMPIONS);
        assertThat(RfmGroup.of(1, 1, 1, 3)).isEqualTo(RfmGroup.LOST);
        assertThat(RfmGroup.toFive(2, 3)).isEqualTo(3); // 1 + 4·1/2
        assertThat(RfmGroup.toFive(2, 9)).isEqualTo(2); // 1 + 4·1/8 = 1.5 rounds up
        assertThat(RfmGroup.toFive(5, 10)).isEqualTo(3); // 1 + 16/9 = 2.78
        assertThatThrownBy(() -> RfmGroup.of(6, 1, 1, 5)).hasMessageContaining("outside 1..5");
    }

    @Test
    void score_recentFrequentBigSpender_isChampion_andTraitsAreNested() {
        List<Order> orders = new java.util.ArrayList<>();
        for (int c = 0; c < 10; c++) {
            for (int k = 0; k <= c; k++) orders.add(Order.completed("c" + c, "o" + c + "-" + k, day("2024-01-" + (10 + c)), 10.0 * (c + 1)));
        }
        List<RfmScore> s = Rfm.analyse(orders, LocalDate.parse("2024-02-01"), ZoneOffset.UTC, 5);
        RfmScore best = s.stream().filter(x -> x.customerId().equals("c9")).findFirst().orElseThrow();
        RfmScore worst = s.stream().filter(x -> x.customerId().equals("c0")).findFirst().orElseThrow();
        assertThat(best.group()).isEqualTo(RfmGroup.CHAMPIONS);
        assertThat(worst.group()).isEqualTo(RfmGroup.LOST);
        @SuppressWarnings("unchecked")
        Map<String, Object> rfm = (Map<String, Object>) best.traits().get("rfm");
        assertThat(rfm).containsEntry("r", 5).containsEntry("f", 5).containsEntry("m", 5).containsEntry("group", "Champions");
        assertThat(Rfm.groupSizes(s)).hasSize(11).containsEntry(RfmGroup.CHAMPIONS, 2L);
    }

    @Test
    void bins_outOfRange_isRejectedWithTheUsualValue() {
        assertThatThrownBy(() -> Rfm.score(List.of(), 1)).hasMessageContaining("5 is usual");
    }
}
