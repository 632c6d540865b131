package dev.nudge.core.intelligence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.event.Event;
import dev.nudge.core.intelligence.clv.CdnowLayout;
import dev.nudge.core.intelligence.rfm.RfmGroup;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntelligenceRefreshTest {

    /** The CDNOW sample as Order Completed events per customer (skips the test when the dataset is absent). */
    static Map<String, List<Event>> cdnowEvents() throws java.io.IOException {
        List<Order> orders = CdnowLayout.parse(Files.readAllLines(Datasets.require("cdnow").resolve("CDNOW_sample.txt")));
        Map<String, List<Event>> events = new HashMap<>();
        int i = 0;
        for (Order o : orders) {
            events.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(Event.track("m" + i++, o.customerId(),
                    OrderEvents.ORDER_COMPLETED, Map.of("order_id", o.orderId(), "revenue", o.amount()), o.at()));
        }
        return events;
    }

    @Test
    void cdnowAsEvents_refreshFitsThePublishedModelAndGivesEveryCustomerTraits() throws Exception {
        Map<String, List<Event>> events = cdnowEvents();
        // noon of the calibration end: that day's orders (dated midnight) count, the holdout's do not
        IntelligenceRefresh.Result r = IntelligenceRefresh.run(events, Instant.parse("1997-09-30T12:00:00Z"), RefreshSettings.defaults());
        assertThat(r.problems()).isEmpty();
        assertThat(r.purchases().orElseThrow().params().r()).isCloseTo(0.243, within(0.005));
        assertThat(r.purchases().orElseThrow().logLikelihood()).isCloseTo(-9582.4, within(0.1));
        assertThat(r.spend().orElseThrow().params().q()).isCloseTo(3.74, within(0.01));
        assertThat(r.traits()).hasSize(2357);
        assertThat(r.traits().values()).allSatisfy(t -> assertThat(t).containsKeys("rfm", "predicted"));
        assertThat(r.rfmGroupSizes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2357);
    }

    /**
     * BG/NBD gives a one-time buyer P(alive) = 1 by construction, however long ago they bought; the
     * recency signal judges the same customers against how long CDNOW's customers take to come back.
     */
    @Test
    void cdnowOneTimeBuyers_areAliveForBgNbd_butTheLongAbsentGetAHighRecencyChurnRisk() throws Exception {
        Map<String, List<Event>> events = cdnowEvents();
        IntelligenceRefresh.Result r = IntelligenceRefresh.run(events, Instant.parse("1997-09-30T12:00:00Z"), RefreshSettings.defaults());
        List<Double> oneTimeRisks = new ArrayList<>();
        for (Map<String, Object> t : r.traits().values()) {
            Map<?, ?> predicted = (Map<?, ?>) t.get("predicted");
            @SuppressWarnings("unchecked")
            Map<String, Object> recency = (Map<String, Object>) t.get("recency");
            assertThat(recency).containsKeys("days_since_last_order", "churn_risk");
            if (((Number) ((Map<?, ?>) t.get("rfm")).get("frequency")).intValue() == 1) {
                assertThat(((Number) predicted.get("probability_alive")).doubleValue()).isEqualTo(1.0);
                assertThat(((Number) predicted.get("churn_risk")).doubleValue()).isZero();
                oneTimeRisks.add(((Number) recency.get("churn_risk")).doubleValue());
            }
        }
        // every CDNOW customer's first purchase is in Q1 1997: a one-time buyer has been away at least
        // 183 days at 1997-09-30, longer than 97 % of the gaps between two purchases (median 27 days)
        assertThat(r.repurchaseGaps().orElseThrow().quantileDays(0.5)).isEqualTo(27);
        assertThat(oneTimeRisks).hasSize(1398).allSatisfy(risk -> assertThat(risk).isGreaterThan(0.97));
    }

    static Event order(String user, String id, String day, double revenue, String... products) {
        List<Object> lines = new ArrayList<>();
        for (String p : products) lines.add(Map.of("product_id", p));
        return Event.track(id, user, OrderEvents.ORDER_COMPLETED, Map.of("order_id", id, "revenue", revenue, "products", lines),
                LocalDate.parse(day).atTime(10, 0).toInstant(ZoneOffset.UTC));
    }

    @Test
    void smallShop_skipsPredictionsWithAReason_butComputesTheRest() {
        Map<String, List<Event>> events = new HashMap<>();
        String[] users = {"ann", "bob", "cat", "dan", "eve", "fay"};
        for (int u = 0; u < users.length; u++) {
            List<Event> e = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                e.add(order(users[u], users[u] + k, LocalDate.of(2024, 1, 1).plusDays(u + 30L * k).toString(), 20 + u,
                        "coffee", k % 2 == 0 ? "filters" : "milk"));
            }
            events.put(users[u], e);
        }
        events.get("fay").add(order("fay", "late", "2024-12-01", 99, "tea")); // after asOf: ignored
        RefreshSettings s = RefreshSettings.defaults();
        s = new RefreshSettings(s.zone(), 5, 52, 0.1, s.requirements(), 3, dev.nudge.core.intelligence.rules.RuleOptions.of(0.3, 0.3), 3);
        IntelligenceRefresh.Result r = IntelligenceRefresh.run(events, Instant.parse("2024-04-01T00:00:00Z"), s);
        assertThat(r.purchases()).isEmpty();
        assertThat(r.problems()).anyMatch(p -> p.contains("only 6 customers"));
        Map<String, Object> fay = r.traits().get("fay");
        assertThat(fay).containsKeys("rfm", "recency", "replenishment", "recommendations").doesNotContainKey("predicted");
        @SuppressWarnings("unchecked")
        Map<String, Object> fayRecency = (Map<String, Object>) fay.get("recency");
        assertThat(fayRecency).as("6 returning customers are too few to judge an absence")
                .containsOnlyKeys("days_since_last_order");
        assertThat(r.problems()).anyMatch(p -> p.startsWith("recency.churn_risk skipped: only 6 customers"));
        @SuppressWarnings("unchecked")
        Map<String, Object> rep = (Map<String, Object>) fay.get("replenishment");
        assertThat(rep.get("next_product")).isEqualTo("coffee");
        assertThat(Instant.parse((String) rep.get("next_due"))).isEqualTo(Instant.parse("2024-04-05T10:00:00Z")); // 2024-03-06 + 30 d
        // everyone has 3 orders: the tie gives all F = 1; fay is the most recent (R = 5) and biggest (M = 5): FM = 3
        @SuppressWarnings("unchecked")
        Map<String, Object> rfm = (Map<String, Object>) fay.get("rfm");
        assertThat(rfm).containsEntry("r", 5).containsEntry("f", 1).containsEntry("m", 5).containsEntry("group", "Potential Loyalist");
        assertThat(r.rfmGroupSizes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(r.rfmGroupSizes().get(RfmGroup.POTENTIAL_LOYALIST)).isPositive();
    }
}
