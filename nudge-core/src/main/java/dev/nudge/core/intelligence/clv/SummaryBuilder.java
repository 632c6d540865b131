package dev.nudge.core.intelligence.clv;

import dev.nudge.core.intelligence.Order;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a transaction log into one {@link CustomerSummary} per customer, exactly as the CDNOW
 * summaries of Fader, Hardie &amp; Lee were built:
 * <ol>
 *   <li>each order is placed on its calendar day in {@code zone}; a customer's same-day orders are
 *       merged into one purchase day whose value is their sum;</li>
 *   <li>days after {@code calibrationEnd} are ignored (the end day itself is inside: inclusive);</li>
 *   <li>the first purchase day starts the customer's clock and is not counted: x is the number of
 *       later purchase days, t_x the days from the first to the last of them, T the days from the
 *       first to the calibration end, all divided by 7 (weeks);</li>
 *   <li>zbar is the mean value of the repeat purchase days (the first day's value is excluded, as
 *       Gamma-Gamma models the spend of repeat purchases).</li>
 * </ol>
 * Refunds are ignored here: BG/NBD counts purchase occasions, and a refund does not undo the visit.
 * Customers whose first purchase is after the calibration end are left out.
 */
public final class SummaryBuilder {

    private SummaryBuilder() {}

    public static List<CustomerSummary> summarize(Collection<Order> orders, LocalDate calibrationEnd, ZoneId zone) {
        Map<String, TreeMap<LocalDate, Double>> days = new HashMap<>();
        for (Order o : orders) {
            if (o.isRefund()) continue;
            LocalDate day = LocalDate.ofInstant(o.at(), zone);
            if (day.isAfter(calibrationEnd)) continue;
            days.computeIfAbsent(o.customerId(), k -> new TreeMap<>()).merge(day, o.amount(), Double::sum);
        }
        List<CustomerSummary> out = new ArrayList<>(days.size());
        for (var e : days.entrySet()) out.add(summarize(e.getKey(), e.getValue(), calibrationEnd));
        out.sort(java.util.Comparator.comparing(CustomerSummary::id));
        return out;
    }

    /** One customer's summary from its purchase days (day → merged value), all on or before the end. */
    static CustomerSummary summarize(String id, TreeMap<LocalDate, Double> days, LocalDate calibrationEnd) {
        LocalDate first = days.firstKey();
        LocalDate last = days.lastKey();
        int x = days.size() - 1;
        double sum = 0;
        for (var d : days.tailMap(first, false).values()) sum += d;
        double zbar = x == 0 ? 0.0 : sum / x;
        double tx = x == 0 ? 0.0 : ChronoUnit.DAYS.between(first, last) / 7.0;
        double T = ChronoUnit.DAYS.between(first, calibrationEnd) / 7.0;
        return new CustomerSummary(id, x, tx, T, zbar);
    }
}
