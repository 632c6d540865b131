package dev.nudge.core.intelligence.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Complementary products from mined rules.
 *
 * <p>Only rules with lift &gt; 1 recommend (a rule with lift ≤ 1 says the items are bought together
 * no more often than by chance: popularity, not complementarity). An item is scored by its best
 * applicable rule — highest lift, then confidence — so one strong association beats many weak ones;
 * ties end in item name order, making the output deterministic.
 * <ul>
 *   <li>{@link #forProduct}: rules whose antecedent is exactly that product;</li>
 *   <li>{@link #forProfile}: rules whose antecedent is contained in what the profile bought, never
 *       recommending something already bought.</li>
 * </ul>
 */
public final class Recommender {

    /** One recommended item and the rule that earned it. */
    public record Recommendation(String item, double lift, double confidence, AssociationRule because) {}

    private static final Comparator<Recommendation> BEST_FIRST = Comparator.comparingDouble(Recommendation::lift).reversed()
            .thenComparing(Comparator.comparingDouble(Recommendation::confidence).reversed())
            .thenComparing(Recommendation::item);

    private final Map<String, List<AssociationRule>> byFirstItem = new HashMap<>();

    public Recommender(Collection<AssociationRule> rules) {
        for (AssociationRule r : rules) {
            if (r.lift() > 1) byFirstItem.computeIfAbsent(r.antecedent().get(0), k -> new ArrayList<>()).add(r);
        }
    }

    /** Top {@code k} items to show beside {@code product}. */
    public List<Recommendation> forProduct(String product, int k) {
        Map<String, Recommendation> best = new HashMap<>();
        for (AssociationRule r : byFirstItem.getOrDefault(product, List.of())) {
            if (r.antecedent().size() == 1) offer(best, r, Set.of(product));
        }
        return top(best, k);
    }

    /** Top {@code k} items for a profile that bought {@code purchased}, excluding those. */
    public List<Recommendation> forProfile(Collection<String> purchased, int k) {
        Set<String> owned = new HashSet<>(purchased);
        Map<String, Recommendation> best = new HashMap<>();
        for (String item : owned) {
            for (AssociationRule r : byFirstItem.getOrDefault(item, List.of())) {
                if (owned.containsAll(r.antecedent())) offer(best, r, owned);
            }
        }
        return top(best, k);
    }

    /** The computed trait {@code recommendations}: the item names of {@link #forProfile}. */
    public Map<String, Object> traits(Collection<String> purchased, int k) {
        return Map.of("recommendations", forProfile(purchased, k).stream().map(Recommendation::item).toList());
    }

    private static void offer(Map<String, Recommendation> best, AssociationRule r, Set<String> exclude) {
        for (String item : r.consequent()) {
            if (exclude.contains(item)) continue;
            Recommendation cand = new Recommendation(item, r.lift(), r.confidence(), r);
            best.merge(item, cand, (a, b) -> BEST_FIRST.compare(a, b) <= 0 ? a : b);
        }
    }

    private static List<Recommendation> top(Map<String, Recommendation> best, int k) {
        if (k < 1) throw new IllegalArgumentException("k = " + k + " must be >= 1");
        return best.values().stream().sorted(BEST_FIRST).limit(k).toList();
    }
}
