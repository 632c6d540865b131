package dev.nudge.bench.intelligence;

import dev.nudge.core.event.Event;
import dev.nudge.core.intelligence.clv.BgNbdParams;
import org.hipparchus.random.RandomDataGenerator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A seeded synthetic shop drawn from the models' own stories, so a fit on it has a known answer:
 * each customer makes a first order on a day of a 12-week cohort window, then repeat orders with
 * exponential gaps of rate λ ~ Gamma(r, α) (weeks) and leaves after each with probability
 * p ~ Beta(a, b) (BG/NBD, CDNOW's published parameters by default); order values have a per-customer
 * mean ν ~ Gamma(q, γ) and are Gamma(p_s, ν) (Gamma-Gamma). Each order holds 1–4 products of a
 * 2,000-item catalog with Zipf-like popularity. Times are whole days, as a shop's calendar makes them.
 */
final class SyntheticShop {
    static final BgNbdParams TRUE_PURCHASES = new BgNbdParams(0.243, 4.414, 0.793, 2.426);
    static final double SPEND_P = 6.25, SPEND_Q = 3.74, SPEND_GAMMA = 15.44;
    static final Instant START = Instant.parse("2025-01-06T10:00:00Z");
    static final int COHORT_DAYS = 84, OBSERVED_DAYS = 365, CATALOG = 2000;

    private SyntheticShop() {}

    /** The order events of {@code customers} customers, per profile id, observed until {@link #end()}. */
    static Map<String, List<Event>> orders(int customers, long seed) {
        return generate(customers, new RandomDataGenerator(seed));
    }

    static Instant end() {
        return START.plus(Duration.ofDays(OBSERVED_DAYS));
    }

    private static Map<String, List<Event>> generate(int customers, RandomDataGenerator rng) {
        Map<String, List<Event>> out = new LinkedHashMap<>(customers * 2);
        BgNbdParams p = TRUE_PURCHASES;
        for (int c = 0; c < customers; c++) {
            String id = "u" + c;
            double lambda = rng.nextGamma(p.r(), 1 / p.alpha());
            double drop = rng.nextBeta(p.a(), p.b());
            double nu = rng.nextGamma(SPEND_Q, 1 / SPEND_GAMMA); // rate of the order values
            int first = rng.nextInt(0, COHORT_DAYS - 1);
            List<Event> events = new ArrayList<>(3);
            double day = first;
            int n = 0;
            while (day < OBSERVED_DAYS) {
                events.add(order(id, n++, (long) day, rng.nextGamma(SPEND_P, 1 / nu), rng));
                day += Math.max(1, Math.ceil(7 * rng.nextExponential(1 / lambda)));
                if (n > 1 && rng.nextUniform(0, 1) < drop) break; // BG/NBD: dropout only after a repeat purchase
            }
            out.put(id, events);
        }
        return out;
    }

    private static Event order(String id, int n, long day, double revenue, RandomDataGenerator rng) {
        int lines = 1 + rng.nextInt(0, 3);
        List<Object> products = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) products.add(Map.of("product_id", "p" + zipf(rng)));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("order_id", id + "-" + n);
        props.put("revenue", Math.round(revenue * 100) / 100.0);
        props.put("products", products);
        return Event.track(id + "-o" + n, id, "Order Completed", props, START.plus(Duration.ofDays(day)));
    }

    /** An item index with P(k) ∝ 1/(k+10): a long tail with a popular head. */
    private static int zipf(RandomDataGenerator rng) {
        double u = rng.nextUniform(0, 1);
        // inverse of the continuous CDF of 1/(x+10) on [0, CATALOG)
        return (int) Math.min(CATALOG - 1, 10 * Math.pow((CATALOG + 10) / 10.0, u) - 10);
    }
}
