package dev.nudge.core.intelligence.rules;

import java.util.List;

/**
 * The result of mining: the number of baskets, every frequent itemset (by size, then count
 * descending) and every rule meeting the options (in {@link AssociationRules#BY_LIFT} order).
 */
public record RuleSet(int baskets, List<FrequentItemset> itemsets, List<AssociationRule> rules) {

    public RuleSet {
        itemsets = List.copyOf(itemsets);
        rules = List.copyOf(rules);
    }

    public Recommender recommender() {
        return new Recommender(rules);
    }
}
