package dev.nudge.core.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClvPredictorTest {

    static final Instant AS_OF = Instant.parse("1997-09-30T00:00:00Z");
    static final CustomerSummary REPEAT = new CustomerSummary("1", 2, 30.43, 38.86, 22.35);

    static ClvPredictor predictor(double horizon, double rate) {
        return new ClvPredictor(BgNbdTest.CDNOW, GammaGammaTest.CDNOW, AS_OF, horizon, rate);
    }

    @Test
    void withoutDiscount_clvIsOrderValueTimesExpectedPurchases() {
        CustomerPrediction p = predictor(52, 0).predict(REPEAT);
        assertThat(p.clv()).isCloseTo(p.expectedOrderValue() * p.expectedPurchases(), within(1e-9));
        assertThat(p.churnRisk()).isCloseTo(1 - p.probabilityAlive(), within(1e-15));
    }

    @Test
    void discounting_lowersClv_andWeeklySumMatchesUndiscountedTotalAtZeroRate() {
        double undiscounted = predictor(52, 0).predict(REPEAT).clv();
        double discounted = predictor(52, 0.2).predict(REPEAT).clv();
        assertThat(discounted).isLessThan(undiscounted).isGreaterThan(undiscounted / 1.2);
        // the weekly increments telescope back to E[Y(H)] when every discount factor is 1
        ClvPredictor tiny = predictor(52, 1e-12);
        assertThat(tiny.discountedPurchases(REPEAT)).isCloseTo(predictor(52, 0).predict(REPEAT).expectedPurchases(), within(1e-9));
    }

    @Test
    void nextOrder_isLaterForCustomersWhoBuyLessOften() {
        CustomerPrediction frequent = predictor(52, 0).predict(new CustomerSummary("f", 12, 38, 38.86, 20));
        CustomerPrediction rare = predictor(52, 0).predict(new CustomerSummary("r", 1, 38, 38.86, 20));
        assertThat(frequent.expectedNextOrder()).isAfter(AS_OF).isBefore(rare.expectedNextOrder());
        // Lomax median (α+T)(2^(1/(r+x)) − 1) for x = 12
        double weeks = (4.414 + 38.86) * (Math.pow(2, 1 / (0.243 + 12)) - 1);
        assertThat(Duration.between(AS_OF, frequent.expectedNextOrder()).toSeconds() / 604_800.0).isCloseTo(weeks, within(1e-4));
    }

    @Test
    void predictAll_sharesWorkBetweenEqualHistories_withoutChangingAnswers() {
        ClvPredictor p = predictor(52, 0.1);
        List<CustomerSummary> c = List.of(REPEAT, new CustomerSummary("2", 2, 30.43, 38.86, 80), new CustomerSummary("3", 0, 0, 38.86, 0));
        assertThat(p.predictAll(c)).containsExactly(p.predict(c.get(0)), p.predict(c.get(1)), p.predict(c.get(2)));
        assertThat(p.predictAll(c).get(1).clv()).isGreaterThan(p.predictAll(c).get(0).clv()); // same outlook, higher spend
    }

    @Test
    void traits_areNestedUnderPredicted() {
        Map<String, Object> t = predictor(52, 0.1).predict(REPEAT).traits();
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) t.get("predicted");
        assertThat(p).containsKeys("probability_alive", "churn_risk", "expected_purchases", "expected_order_value", "clv", "next_order_at");
        assertThat(Instant.parse((String) p.get("next_order_at"))).isAfter(AS_OF);
    }

    @Test
    void badHorizonOrRate_isRejectedWithAnExample() {
        assertThatThrownBy(() -> predictor(0, 0)).hasMessageContaining("e.g. 52");
        assertThatThrownBy(() -> predictor(52, -0.1)).hasMessageContaining("e.g. 0.1");
    }
}
