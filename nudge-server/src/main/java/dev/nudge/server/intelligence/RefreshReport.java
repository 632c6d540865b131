package dev.nudge.server.intelligence;

import dev.nudge.core.intelligence.IntelligenceRefresh;
import dev.nudge.core.intelligence.clv.BgNbdFit;
import dev.nudge.core.intelligence.clv.GammaGamma;
import dev.nudge.core.intelligence.recency.RepurchaseGaps;
import dev.nudge.core.intelligence.rfm.RfmGroup;
import dev.nudge.core.intelligence.rules.AssociationRule;
import dev.nudge.core.intelligence.rules.RuleSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one refresh did, as served by the API and kept in the store's meta column so it survives a
 * restart: when (the {@code asOf} instant of the computation), why (trigger), how much was read and
 * written, the RFM group sizes, the fitted parameters and every reason a part was skipped.
 *
 * @param phaseMillis milliseconds spent reading the store, computing, and writing traits
 * @param parts which parts produced traits: rfm, predicted, recency (its churn risk), replenishment, recommendations
 */
public record RefreshReport(Instant asOf, String trigger, long durationMillis, Map<String, Long> phaseMillis, long eventsScanned, long orderEvents,
                            int profilesWithOrders, int profilesWithTraits, int profilesChanged, List<String> parts,
                            Map<String, Long> rfmGroupSizes, Map<String, Object> models, List<String> problems) {

    public RefreshReport {
        Objects.requireNonNull(asOf, "asOf");
        parts = List.copyOf(parts);
        phaseMillis = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phaseMillis));
        rfmGroupSizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rfmGroupSizes));
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
        problems = List.copyOf(problems);
    }

    /** Group sizes in the grid's order, every group present (0 when empty), keyed by label. */
    static Map<String, Long> groupSizes(IntelligenceRefresh.Result r) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RfmGroup g : RfmGroup.values()) out.put(g.label(), r.rfmGroupSizes().getOrDefault(g, 0L));
        return out;
    }

    static List<String> parts(IntelligenceRefresh.Result r) {
        List<String> p = new ArrayList<>();
        if (r.rfmGroupSizes().values().stream().anyMatch(n -> n > 0)) p.add("rfm");
        if (r.purchases().isPresent() && r.spend().isPresent()) p.add("predicted");
        if (r.repurchaseGaps().isPresent()) p.add("recency");
        if (r.traits().values().stream().anyMatch(t -> t.containsKey("replenishment"))) p.add("replenishment");
        if (r.rules().isPresent()) p.add("recommendations");
        return p;
    }

    /** The fits: bg_nbd {r, alpha, a, b, log_likelihood, customers}, gamma_gamma {p, q, gamma, ...}, rules {baskets, itemsets, rules}. */
    static Map<String, Object> models(IntelligenceRefresh.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        r.purchases().ifPresent(f -> m.put("bg_nbd", bgNbd(f)));
        r.spend().ifPresent(f -> m.put("gamma_gamma", gammaGamma(f)));
        r.repurchaseGaps().ifPresent(g -> m.put("recency", recency(g)));
        r.rules().ifPresent(s -> m.put("rules", rules(s)));
        return m;
    }

    private static Map<String, Object> bgNbd(BgNbdFit f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("r", f.params().r());
        m.put("alpha", f.params().alpha());
        m.put("a", f.params().a());
        m.put("b", f.params().b());
        m.put("log_likelihood", f.logLikelihood());
        m.put("customers", f.customers());
        return m;
    }

    private static Map<String, Object> gammaGamma(GammaGamma.GammaGammaFit f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p", f.params().p());
        m.put("q", f.params().q());
        m.put("gamma", f.params().gamma());
        m.put("log_likelihood", f.logLikelihood());
        m.put("customers", f.customers());
        return m;
    }

    /** The yardstick of {@code recency.churn_risk}: how many came back, and the gaps (days) that half and 90 % of returns came within. */
    private static Map<String, Object> recency(RepurchaseGaps g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("repeat_buyers", g.repeatBuyers());
        m.put("gaps", g.gapCount());
        m.put("median_gap_days", g.quantileDays(0.5));
        m.put("p90_gap_days", g.quantileDays(0.9));
        return m;
    }

    private static Map<String, Object> rules(RuleSet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baskets", s.baskets());
        m.put("itemsets", s.itemsets().size());
        m.put("rules", s.rules().size());
        m.put("top", s.rules().stream().limit(20).map(RefreshReport::rule).toList());
        return m;
    }

    static Map<String, Object> rule(AssociationRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("antecedent", r.antecedent());
        m.put("consequent", r.consequent());
        m.put("count", r.count());
        m.put("support", r.support());
        m.put("confidence", r.confidence());
        m.put("lift", r.lift());
        return m;
    }

    @SuppressWarnings("unchecked")
    static AssociationRule rule(Map<String, Object> m) {
        return new AssociationRule((List<String>) m.get("antecedent"), (List<String>) m.get("consequent"),
                ((Number) m.get("count")).longValue(), ((Number) m.get("support")).doubleValue(),
                ((Number) m.get("confidence")).doubleValue(), ((Number) m.get("lift")).doubleValue());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", asOf.toString());
        m.put("trigger", trigger);
        m.put("duration_ms", durationMillis);
        m.put("phase_ms", phaseMillis);
        m.put("events_scanned", eventsScanned);
        m.put("order_events", orderEvents);
        m.put("profiles_with_orders", profilesWithOrders);
        m.put("profiles_with_traits", profilesWithTraits);
        m.put("profiles_changed", profilesChanged);
        m.put("parts", parts);
        m.put("rfm_group_sizes", rfmGroupSizes);
        m.put("models", models);
        m.put("problems", problems);
        return m;
    }

    @SuppressWarnings("unchecked")
    static RefreshReport fromMap(Map<String, Object> m) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        ((Map<String, Object>) m.get("rfm_group_sizes")).forEach((k, v) -> sizes.put(k, ((Number) v).longValue()));
        Map<String, Long> phases = new LinkedHashMap<>();
        ((Map<String, Object>) m.getOrDefault("phase_ms", Map.of())).forEach((k, v) -> phases.put(k, ((Number) v).longValue()));
        return new RefreshReport(Instant.parse((String) m.get("as_of")), (String) m.get("trigger"), num(m, "duration_ms"), phases,
                num(m, "events_scanned"), num(m, "order_events"), (int) num(m, "profiles_with_orders"),
                (int) num(m, "profiles_with_traits"), (int) num(m, "profiles_changed"), (List<String>) m.get("parts"), sizes,
                (Map<String, Object>) m.get("models"), (List<String>) m.get("problems"));
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }
}
