package dev.nudge.core.intelligence.rfm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A customer's RFM measures, their 1–bins scores and the named group. */
public record RfmScore(RfmValues values, int r, int f, int m, RfmGroup group) {

    public RfmScore {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(group, "group");
        if (r < 1 || f < 1 || m < 1) throw new IllegalArgumentException("scores start at 1, got " + r + f + m);
    }

    public String customerId() {
        return values.customerId();
    }

    /**
     * The computed traits as a nested map, so trait paths {@code rfm.r}, {@code rfm.f}, {@code rfm.m}
     * and {@code rfm.group} resolve: {@code {"rfm": {"r": 5, "f": 4, "m": 3, "group": "Loyal", ...}}};
     * the raw measures ride along as recency_days, frequency and monetary.
     */
    public Map<String, Object> traits() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("r", r);
        t.put("f", f);
        t.put("m", m);
        t.put("group", group.label());
        t.put("recency_days", values.recencyDays());
        t.put("frequency", values.frequency());
        t.put("monetary", values.monetary());
        return Map.of("rfm", t);
    }
}
