package dev.nudge.core.intelligence.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileScorerTest {

    @Test
    void distinctValues_fillEqualBins() {
        double[] v = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(QuantileScorer.ascending(v, 5)).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(QuantileScorer.descending(v, 5)).containsExactly(5, 5, 4, 4, 3, 3, 2, 2, 1, 1);
    }

    @Test
    void ties_shareTheScoreOfTheirFirstRank() {
        // ranks 1,2,2,2,2,6,7,8,9,10 → 1 + floor(5 (rank-1) / 10)
        double[] v = {1, 2, 2, 2, 2, 3, 4, 5, 6, 7};
        assertThat(QuantileScorer.ascending(v, 5)).containsExactly(1, 1, 1, 1, 1, 3, 4, 4, 5, 5);
    }

    @Test
    void scores_matchTheSqlRankFormulaOnSeededRandomData() {
        long seed = 42L;
        Random rnd = new Random(seed);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rnd.nextInt(300);
            int bins = 2 + rnd.nextInt(9);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = rnd.nextInt(1 + rnd.nextInt(40)); // many ties
            int[] s = QuantileScorer.ascending(v, bins);
            for (int i = 0; i < n; i++) {
                int rank = 1; // RANK(): 1 + how many are strictly smaller, counted the slow, obvious way
                for (double w : v) if (w < v[i]) rank++;
                assertThat(s[i]).as("seed %d round %d n %d bins %d i %d", seed, round, n, bins, i)
                        .isEqualTo(1 + (bins * (rank - 1)) / n);
            }
        }
    }
}
