package dev.nudge.core.intelligence.rfm;

import dev.nudge.core.intelligence.Order;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * RFM analysis: raw measures per customer, quantile scores, named groups. Pure functions.
 *
 * <p>Measures at analysis date D (calendar days in {@code zone}):
 * recency = days from the customer's last completed order to D; frequency = distinct completed
 * order ids; monetary = completed revenue minus refunds, rounded to the cent. Refunds never count as
 * orders nor move recency. Customers with refunds only are not scored. Scores: {@link QuantileScorer}
 * (recency: more recent scores higher); groups: {@link RfmGroup}.
 */
public final class Rfm {

    public static final int DEFAULT_BINS = 5;

    private Rfm() {}

    /** The usual analysis date: the day after the last completed order. */
    public static LocalDate dayAfterLastOrder(Collection<Order> orders, ZoneId zone) {
        return orders.stream().filter(o -> !o.isRefund()).map(o -> LocalDate.ofInstant(o.at(), zone))
                .max(LocalDate::compareTo).orElseThrow(() -> new IllegalArgumentException("no completed orders to analyse"))
                .plusDays(1);
    }

    public static List<RfmValues> measure(Collection<Order> orders, LocalDate analysisDate, ZoneId zone) {
        Map<String, Acc> acc = new TreeMap<>();
        for (Order o : orders) {
            Acc a = acc.computeIfAbsent(o.customerId(), k -> new Acc());
            a.monetary += o.signedAmount();
            if (o.isRefund()) continue;
            a.orderIds.add(o.orderId());
            LocalDate day = LocalDate.ofInstant(o.at(), zone);
            if (a.last == null || day.isAfter(a.last)) a.last = day;
        }
        List<RfmValues> out = new ArrayList<>(acc.size());
        acc.forEach((id, a) -> {
            if (a.orderIds.isEmpty()) return;
            out.add(new RfmValues(id, ChronoUnit.DAYS.between(a.last, analysisDate), a.orderIds.size(),
                    Math.round(a.monetary * 100) / 100.0));
        });
        return out;
    }

    public static List<RfmScore> score(List<RfmValues> values, int bins) {
        if (bins < 2 || bins > 100) throw new IllegalArgumentException("bins = " + bins + "; use 2..100 (5 is usual)");
        int n = values.size();
        double[] rec = new double[n], freq = new double[n], mon = new double[n];
        for (int i = 0; i < n; i++) {
            rec[i] = values.get(i).recencyDays();
            freq[i] = values.get(i).frequency();
            mon[i] = values.get(i).monetary();
        }
        int[] r = QuantileScorer.descending(rec, bins), f = QuantileScorer.ascending(freq, bins), m = QuantileScorer.ascending(mon, bins);
        List<RfmScore> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new RfmScore(values.get(i), r[i], f[i], m[i], RfmGroup.of(r[i], f[i], m[i], bins)));
        return out;
    }

    /** Measures and scores in one step. */
    public static List<RfmScore> analyse(Collection<Order> orders, LocalDate analysisDate, ZoneId zone, int bins) {
        return score(measure(orders, analysisDate, zone), bins);
    }

    /** Customers per group, every group present (zero when empty), in the enum's order. */
    public static Map<RfmGroup, Long> groupSizes(Collection<RfmScore> scores) {
        Map<RfmGroup, Long> sizes = new EnumMap<>(RfmGroup.class);
        for (RfmGroup g : RfmGroup.values()) sizes.put(g, 0L);
        for (RfmScore s : scores) sizes.merge(s.group(), 1L, Long::sum);
        return sizes;
    }

    private static final class Acc {
        final Set<String> orderIds = new HashSet<>();
        LocalDate last;
        double monetary;
    }
}
