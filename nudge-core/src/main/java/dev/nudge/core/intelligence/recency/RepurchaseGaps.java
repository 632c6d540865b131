package dev.nudge.core.intelligence.recency;

import dev.nudge.core.intelligence.Order;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * How long this shop's customers take between two orders, and what one customer's current absence
 * means against that: the recency-based churn signal, {@code recency.churn_risk}, that also covers
 * the customers BG/NBD cannot judge.
 *
 * <p>Why it exists: BG/NBD learns about dropout only from repeat purchases, so a one-time buyer
 * (x = 0) gets P(alive) = 1 by construction and {@code predicted.churn_risk} = 0 — for what is
 * usually the largest group of a shop. Marketers read absence against the shop's rhythm instead: a
 * customer away longer than nearly every observed gap between two orders has probably lapsed.
 *
 * <p>Definition (docs/intelligence.md, "Recency"): completed orders are placed on calendar days in
 * {@code zone}, a customer's same-day orders are one purchase day (as in {@code SummaryBuilder}),
 * and each gap between two consecutive purchase days of a customer is one observation, pooled over
 * all customers. For a customer away {@code d} days,
 * {@code churn_risk(d) = (#{gap < d} + ½ #{gap = d}) / #gaps}: the share of observed returns that
 * came sooner. Mid-rank, so a tie splits evenly: away exactly the median gap scores 0.5, away longer
 * than every gap scores 1, just bought scores 0. Refunds neither make purchase days nor move recency.
 */
public final class RepurchaseGaps {

    /** Every gap in days, ascending. */
    private final long[] gaps;
    /** Customers with at least two purchase days, i.e. at least one gap. */
    private final int repeatBuyers;
    /** Each customer's last purchase day. */
    private final Map<String, LocalDate> lastDay;

    private RepurchaseGaps(long[] gaps, int repeatBuyers, Map<String, LocalDate> lastDay) {
        this.gaps = gaps;
        this.repeatBuyers = repeatBuyers;
        this.lastDay = lastDay;
    }

    public static RepurchaseGaps fit(Collection<Order> orders, ZoneId zone) {
        Map<String, TreeSet<LocalDate>> days = new HashMap<>();
        for (Order o : orders) {
            if (!o.isRefund()) days.computeIfAbsent(o.customerId(), k -> new TreeSet<>()).add(LocalDate.ofInstant(o.at(), zone));
        }
        long[] gaps = new long[days.values().stream().mapToInt(d -> d.size() - 1).sum()];
        int n = 0, repeat = 0;
        Map<String, LocalDate> last = new HashMap<>();
        for (var e : days.entrySet()) {
            TreeSet<LocalDate> d = e.getValue();
            last.put(e.getKey(), d.last());
            if (d.size() > 1) repeat++;
            LocalDate prev = null;
            for (LocalDate day : d) {
                if (prev != null) gaps[n++] = ChronoUnit.DAYS.between(prev, day);
                prev = day;
            }
        }
        Arrays.sort(gaps);
        return new RepurchaseGaps(gaps, repeat, last);
    }

    public int repeatBuyers() {
        return repeatBuyers;
    }

    public int gapCount() {
        return gaps.length;
    }

    /** Whether enough customers came back at least once for {@link #churnRisk} to mean something. */
    public boolean sufficient(int minRepeatBuyers) {
        return repeatBuyers >= minRepeatBuyers && gaps.length > 0;
    }

    /** Why the churn signal is skipped, in words a shop owner can act on. */
    public String insufficiency(int minRepeatBuyers) {
        return "recency.churn_risk skipped: only " + repeatBuyers + " customers ordered on two different days; at least "
                + minRepeatBuyers + " are needed to know how long customers usually take to come back — wait for more orders";
    }

    /** The share of observed gaps shorter than {@code daysAway} (ties count half); 0..1. */
    public double churnRisk(long daysAway) {
        if (gaps.length == 0) throw new IllegalStateException("no customer ordered twice; check sufficient() first");
        int below = lowerBound(daysAway), upTo = lowerBound(daysAway + 1);
        return (below + 0.5 * (upTo - below)) / gaps.length;
    }

    /** The gap that a share {@code q} (0..1) of returns came within: nearest rank, so always an observed gap. */
    public long quantileDays(double q) {
        if (gaps.length == 0) throw new IllegalStateException("no customer ordered twice; check sufficient() first");
        int rank = (int) Math.ceil(q * gaps.length);
        return gaps[Math.max(0, Math.min(gaps.length - 1, rank - 1))];
    }

    /**
     * Per customer with a completed order, {@code {"recency": {"days_since_last_order": d, "churn_risk": r}}}
     * as of calendar day {@code today}; {@code churn_risk} only when {@code withRisk}.
     */
    public Map<String, Map<String, Object>> traits(LocalDate today, boolean withRisk) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        lastDay.forEach((id, last) -> {
            long away = ChronoUnit.DAYS.between(last, today);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("days_since_last_order", away);
            if (withRisk) r.put("churn_risk", Math.round(churnRisk(away) * 10_000) / 10_000.0);
            out.put(id, Map.of("recency", r));
        });
        return out;
    }

    /** The first index whose gap is {@code >= days}. */
    private int lowerBound(long days) {
        int lo = 0, hi = gaps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (gaps[mid] < days) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
