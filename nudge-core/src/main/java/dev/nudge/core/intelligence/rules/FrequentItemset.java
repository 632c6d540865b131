package dev.nudge.core.intelligence.rules;

import java.util.List;

/**
 * An itemset and how many baskets contain it.
 *
 * @param items sorted, distinct
 * @param support count / number of baskets
 */
public record FrequentItemset(List<String> items, long count, double support) {

    public FrequentItemset {
        items = List.copyOf(items);
        if (count < 0) throw new IllegalArgumentException("count " + count + " < 0");
    }
}
