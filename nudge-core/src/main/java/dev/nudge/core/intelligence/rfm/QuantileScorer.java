package dev.nudge.core.intelligence.rfm;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scores values 1..bins by rank, ties sharing a score.
 *
 * <p>The rule, reproducible by SQL: score = 1 + ⌊bins · (rank − 1) / n⌋, where n is the number of
 * customers and rank is SQL {@code RANK()} over the order "worst first" — one plus the number of
 * customers strictly worse. So equal values always get equal scores (no customer id decides a tie,
 * unlike {@code NTILE}), and each score holds about n / bins customers unless ties make a block
 * bigger. In SQL: {@code 1 + floor(bins * (RANK() OVER (ORDER BY v) - 1) / COUNT(*) OVER ())}.
 */
final class QuantileScorer {

    private QuantileScorer() {}

    /** Scores of {@code values} (same order), higher values scoring higher. */
    static int[] ascending(double[] values, int bins) {
        return score(values, bins, false);
    }

    /** Scores of {@code values} (same order), lower values scoring higher (used for recency). */
    static int[] descending(double[] values, int bins) {
        return score(values, bins, true);
    }

    private static int[] score(double[] values, int bins, boolean lowerIsBetter) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Comparator<Integer> worstFirst = Comparator.comparingDouble(i -> values[i]);
        if (lowerIsBetter) worstFirst = worstFirst.reversed();
        Arrays.sort(order, worstFirst);
        int[] scores = new int[n];
        int rank = 1;
        for (int k = 0; k < n; k++) {
            if (k > 0 && Double.compare(values[order[k]], values[order[k - 1]]) != 0) rank = k + 1;
            scores[order[k]] = 1 + (int) ((long) bins * (rank - 1) / n);
        }
        return scores;
    }
}
