package dev.nudge.core.intelligence.replenishment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typical re-purchase intervals per product, and the due dates they imply.
 *
 * <p>Definition (docs/intelligence.md): purchases are placed on calendar days in {@code zone} and a
 * customer's purchases of one product on the same day count once. For every customer who bought the
 * product on two or more days, each gap between consecutive purchase days is an interval (in days).
 * A product's typical interval is the median of all its intervals pooled (mean of the two middle
 * values when their number is even). Why pooled and median: every observed re-purchase counts once,
 * so heavy re-buyers weigh in proportion to the evidence they give, and the median ignores the
 * long gaps of customers who lapsed and came back. A product needs at least
 * {@code minCustomers} re-buying customers to get an interval.
 */
public final class ReplenishmentModel {

    private final Map<String, ProductInterval> intervals;

    private ReplenishmentModel(Map<String, ProductInterval> intervals) {
        this.intervals = Collections.unmodifiableMap(new TreeMap<>(intervals));
    }

    public static ReplenishmentModel fit(Collection<ProductPurchase> purchases, ZoneId zone, int minCustomers) {
        if (minCustomers < 1) throw new IllegalArgumentException("minCustomers " + minCustomers + " must be >= 1, e.g. 5");
        Map<String, Map<String, TreeSet<LocalDate>>> days = new HashMap<>(); // product → customer → days
        for (ProductPurchase p : purchases) {
            days.computeIfAbsent(p.productId(), k -> new HashMap<>())
                    .computeIfAbsent(p.customerId(), k -> new TreeSet<>()).add(LocalDate.ofInstant(p.at(), zone));
        }
        Map<String, ProductInterval> out = new HashMap<>();
        days.forEach((product, byCustomer) -> {
            List<Long> gaps = new ArrayList<>();
            int customers = 0;
            for (TreeSet<LocalDate> d : byCustomer.values()) {
                if (d.size() < 2) continue;
                customers++;
                LocalDate prev = null;
                for (LocalDate day : d) {
                    if (prev != null) gaps.add(ChronoUnit.DAYS.between(prev, day));
                    prev = day;
                }
            }
            if (customers >= minCustomers) out.put(product, new ProductInterval(product, median(gaps), gaps.size(), customers));
        });
        return new ReplenishmentModel(out);
    }

    static double median(List<Long> values) {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }

    /** Products with a typical interval, by product id. */
    public Map<String, ProductInterval> intervals() {
        return intervals;
    }

    /**
     * One profile's due dates: for each product it bought that has a typical interval, its last
     * purchase instant plus the interval; the overall next due date is the earliest of them (it may
     * be in the past: the profile is overdue). Empty when no bought product has an interval.
     */
    public ProfileDue due(Collection<ProductPurchase> profilePurchases) {
        Map<String, Instant> last = new HashMap<>();
        for (ProductPurchase p : profilePurchases) last.merge(p.productId(), p.at(), (a, b) -> a.isAfter(b) ? a : b);
        Map<String, Instant> due = new TreeMap<>();
        last.forEach((product, at) -> {
            ProductInterval i = intervals.get(product);
            if (i != null) due.put(product, at.plus(Duration.ofSeconds(Math.round(i.medianDays() * 86_400))));
        });
        return new ProfileDue(due);
    }
}
