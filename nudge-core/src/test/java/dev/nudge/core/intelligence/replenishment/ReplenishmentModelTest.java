package dev.nudge.core.intelligence.replenishment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReplenishmentModelTest {

    static ProductPurchase buy(String c, String p, String day) {
        return new ProductPurchase(c, p, LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    @Test
    void interval_isTheMedianOfPooledConsecutiveGaps_sameDayCountingOnce() {
        List<ProductPurchase> p = List.of(
                buy("a", "coffee", "2024-01-01"), buy("a", "coffee", "2024-01-01"), buy("a", "coffee", "2024-01-31"),
                buy("a", "coffee", "2024-03-01"), // gaps 30, 30
                buy("b", "coffee", "2024-01-10"), buy("b", "coffee", "2024-02-09"), // gap 30
                buy("c", "coffee", "2024-01-10"), buy("c", "coffee", "2024-05-19"), // gap 130 (lapsed): median ignores it
                buy("d", "coffee", "2024-02-01")); // one purchase: no interval
        ProductInterval i = ReplenishmentModel.fit(p, ZoneOffset.UTC, 2).intervals().get("coffee");
        assertThat(i.medianDays()).isEqualTo(30.0);
        assertThat(i.intervals()).isEqualTo(4);
        assertThat(i.customers()).isEqualTo(3);
    }

    @Test
    void productsWithTooFewRebuyers_getNoInterval() {
        List<ProductPurchase> p = List.of(buy("a", "tea", "2024-01-01"), buy("a", "tea", "2024-01-08"));
        assertThat(ReplenishmentModel.fit(p, ZoneOffset.UTC, 2).intervals()).isEmpty();
        assertThat(ReplenishmentModel.fit(p, ZoneOffset.UTC, 1).intervals().get("tea").medianDays()).isEqualTo(7.0);
    }

    @Test
    void due_isLastPurchasePlusInterval_andNextDueIsTheEarliest() {
        List<ProductPurchase> history = List.of(buy("a", "coffee", "2024-01-01"), buy("a", "coffee", "2024-01-31"),
                buy("a", "filters", "2024-01-01"), buy("a", "filters", "2024-03-01"));
        ReplenishmentModel m = ReplenishmentModel.fit(history, ZoneOffset.UTC, 1);
        ProfileDue due = m.due(List.of(buy("z", "coffee", "2024-06-01"), buy("z", "filters", "2024-05-20"), buy("z", "mug", "2024-06-02")));
        assertThat(due.perProduct()).containsOnlyKeys("coffee", "filters");
        assertThat(due.perProduct().get("coffee")).isEqualTo(Instant.parse("2024-07-01T09:00:00Z"));
        assertThat(due.next().orElseThrow().getKey()).isEqualTo("coffee");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) due.traits().get("replenishment");
        assertThat(r).containsEntry("next_due", "2024-07-01T09:00:00Z").containsEntry("next_product", "coffee");
        assertThat(m.due(List.of(buy("y", "mug", "2024-06-02"))).traits()).isEmpty();
    }

    @Test
    void purchases_areReadFromOrderCompletedProducts() {
        Event e = Event.track("m1", "u1", "Order Completed", Map.of("order_id", "o1", "products",
                List.of(Map.of("product_id", "p1", "category", "beans"), Map.of("sku", "s2"))), Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(ProductEvents.purchases("u1", List.of(e), ProductEvents.Key.PRODUCT)).extracting(ProductPurchase::productId)
                .containsExactly("p1", "s2");
        assertThat(ProductEvents.purchases("u1", List.of(e), ProductEvents.Key.CATEGORY)).extracting(ProductPurchase::productId)
                .containsExactly("beans");
    }

    @Test
    void intervals_matchANaiveRecomputationOnSeededRandomHistories() {
        long seed = 99L;
        Random rnd = new Random(seed);
        List<ProductPurchase> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            all.add(buy("c" + rnd.nextInt(60), "p" + rnd.nextInt(8), LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(200)).toString()));
        }
        ReplenishmentModel m = ReplenishmentModel.fit(all, ZoneOffset.UTC, 1);
        for (int p = 0; p < 8; p++) {
            String product = "p" + p;
            // naive: for each customer, sort distinct days, take differences; pool; sort; middle
            List<Long> gaps = new ArrayList<>();
            Map<String, TreeSet<LocalDate>> days = new HashMap<>();
            for (ProductPurchase x : all) {
                if (x.productId().equals(product)) days.computeIfAbsent(x.customerId(), k -> new TreeSet<>()).add(LocalDate.ofInstant(x.at(), ZoneOffset.UTC));
            }
            for (TreeSet<LocalDate> d : days.values()) {
                List<LocalDate> l = new ArrayList<>(d);
                for (int k = 1; k < l.size(); k++) gaps.add(ChronoUnit.DAYS.between(l.get(k - 1), l.get(k)));
            }
            Collections.sort(gaps);
            double median = gaps.size() % 2 == 1 ? gaps.get(gaps.size() / 2) : (gaps.get(gaps.size() / 2 - 1) + gaps.get(gaps.size() / 2)) / 2.0;
            assertThat(m.intervals().get(product).medianDays()).as("seed %d product %s", seed, product).isEqualTo(median);
            assertThat(m.intervals().get(product).intervals()).as("seed %d product %s", seed, product).isEqualTo(gaps.size());
        }
    }
}
