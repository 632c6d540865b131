package dev.nudge.core.intelligence.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Frequent itemsets (Apriori, Agrawal &amp; Srikant 1994) and association rules from baskets.
 * Entry point: {@link #mine}. Pure; deterministic output order.
 *
 * <p>How: items get ids in name order; each basket is a set of ids. Apriori goes level by level:
 * candidates of size k+1 join two frequent k-itemsets that share their first k−1 items, are pruned
 * unless every k-subset is frequent, and are counted by intersecting the sorted basket-id lists of
 * their two parents (so counting costs the length of those lists, not a pass over all baskets).
 * Rules are all splits X → Y of each frequent itemset with |Y| ≤ maxConsequent; their measures come
 * from the itemset counts, which anti-monotonicity guarantees are all known.
 */
public final class AssociationRules {

    /** Output order of rules: lift, then confidence, then support, all descending; then the items. */
    public static final Comparator<AssociationRule> BY_LIFT = Comparator.comparingDouble(AssociationRule::lift).reversed()
            .thenComparing(Comparator.comparingDouble(AssociationRule::confidence).reversed())
            .thenComparing(Comparator.comparingDouble(AssociationRule::support).reversed())
            .thenComparing(r -> String.join("\u0000", r.antecedent()))
            .thenComparing(r -> String.join("\u0000", r.consequent()));

    private AssociationRules() {}

    /** The frequent itemsets and the rules of {@code baskets} (each a collection of item names; duplicates ignored). */
    public static RuleSet mine(List<? extends Collection<String>> baskets, RuleOptions options) {
        if (baskets.isEmpty()) throw new IllegalArgumentException("no baskets to mine; the basket file is empty");
        TreeSet<String> sorted = new TreeSet<>();
        for (Collection<String> b : baskets) sorted.addAll(b);
        String[] names = sorted.toArray(String[]::new);
        Map<String, Integer> ids = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length; i++) ids.put(names[i], i);
        int[][] encoded = new int[baskets.size()][];
        for (int b = 0; b < encoded.length; b++) {
            Collection<String> basket = baskets.get(b);
            int[] e = new int[basket.size()];
            int k = 0;
            for (String item : basket) e[k++] = ids.get(item);
            Arrays.sort(e);
            encoded[b] = distinct(e);
        }
        Apriori.Result counted = Apriori.run(encoded, names.length, options.minSupport(), options.maxLength());
        int n = encoded.length;
        List<FrequentItemset> itemsets = new ArrayList<>(counted.counts().size());
        counted.counts().forEach((set, count) -> itemsets.add(new FrequentItemset(decode(set.ids(), names), count, (double) count / n)));
        itemsets.sort(Comparator.comparingInt((FrequentItemset f) -> f.items().size())
                .thenComparing(Comparator.comparingLong(FrequentItemset::count).reversed())
                .thenComparing(f -> String.join("\u0000", f.items())));
        List<AssociationRule> rules = RuleGenerator.rules(counted, names, n, options);
        rules.sort(BY_LIFT);
        return new RuleSet(n, itemsets, rules);
    }

    /** The distinct values of a sorted array (a basket may list an item twice). */
    private static int[] distinct(int[] sorted) {
        int k = 0;
        for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[k++] = sorted[i];
        return k == sorted.length ? sorted : Arrays.copyOf(sorted, k);
    }

    static List<String> decode(int[] ids, String[] names) {
        List<String> out = new ArrayList<>(ids.length);
        for (int id : ids) out.add(names[id]);
        return out;
    }
}
