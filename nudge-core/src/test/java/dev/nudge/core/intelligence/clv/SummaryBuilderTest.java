package dev.nudge.core.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.intelligence.Order;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryBuilderTest {

    static final LocalDate END = LocalDate.of(2024, 3, 31);

    static Order order(String c, String day, double v) {
        return Order.completed(c, c + day + v, LocalDate.parse(day).atTime(12, 0).toInstant(ZoneOffset.UTC), v);
    }

    @Test
    void sameDayPurchases_mergeIntoOnePurchaseDay() {
        List<CustomerSummary> s = SummaryBuilder.summarize(List.of(order("a", "2024-01-01", 5),
                order("a", "2024-01-15", 10), order("a", "2024-01-15", 20)), END, ZoneOffset.UTC);
        assertThat(s).singleElement().satisfies(c -> {
            assertThat(c.x()).isEqualTo(1);
            assertThat(c.tx()).isCloseTo(2.0, within(1e-12));
            assertThat(c.zbar()).isCloseTo(30.0, within(1e-12));
        });
    }

    @Test
    void firstPurchase_isDroppedFromCountAndValue() {
        List<CustomerSummary> s = SummaryBuilder.summarize(List.of(order("a", "2024-01-01", 500),
                order("a", "2024-01-08", 10), order("a", "2024-01-22", 20)), END, ZoneOffset.UTC);
        CustomerSummary c = s.get(0);
        assertThat(c.x()).isEqualTo(2);
        assertThat(c.tx()).isCloseTo(3.0, within(1e-12));
        assertThat(c.T()).isCloseTo(90 / 7.0, within(1e-12));
        assertThat(c.zbar()).isCloseTo(15.0, within(1e-12));
    }

    @Test
    void calibrationEnd_isInclusive_andLaterPurchasesIgnored() {
        List<CustomerSummary> s = SummaryBuilder.summarize(List.of(order("a", "2024-03-03", 1),
                order("a", "2024-03-31", 2), order("a", "2024-04-01", 3), order("b", "2024-04-02", 4)), END, ZoneOffset.UTC);
        assertThat(s).extracting(CustomerSummary::id).containsExactly("a");
        assertThat(s.get(0).x()).isEqualTo(1);
        assertThat(s.get(0).tx()).isCloseTo(4.0, within(1e-12));
        assertThat(s.get(0).T()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void refunds_doNotCountAsPurchaseDays() {
        List<Order> orders = List.of(order("a", "2024-01-01", 5),
                Order.refunded("a", "r1", Instant.parse("2024-01-10T10:00:00Z"), 5));
        assertThat(SummaryBuilder.summarize(orders, END, ZoneOffset.UTC).get(0).x()).isZero();
    }

    @Test
    void days_areCalendarDaysInTheGivenZone() {
        // 23:30 UTC on Jan 1 is Jan 2 in Tokyo: the two orders are different days there, the same day in UTC
        List<Order> orders = List.of(Order.completed("a", "1", Instant.parse("2024-01-01T10:00:00Z"), 1),
                Order.completed("a", "2", Instant.parse("2024-01-01T23:30:00Z"), 1));
        assertThat(SummaryBuilder.summarize(orders, END, ZoneOffset.UTC).get(0).x()).isZero();
        assertThat(SummaryBuilder.summarize(orders, END, ZoneId.of("Asia/Tokyo")).get(0).x()).isEqualTo(1);
    }
}
