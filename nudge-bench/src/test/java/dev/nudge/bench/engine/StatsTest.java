package dev.nudge.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void of_oneToHundred_givesNearestRankPercentiles() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) v[i] = i + 1;
        Stats s = Stats.of(v, 100);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.p999()).isEqualTo(100);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
        assertThat(s.count()).isEqualTo(100);
    }

    @Test
    void of_ignoresValuesPastCountAndDoesNotReorderTheCallersArray() {
        long[] v = {5, 1, 3, 1_000_000};
        Stats s = Stats.of(v, 3);
        assertThat(s.max()).isEqualTo(5);
        assertThat(v).containsExactly(5, 1, 3, 1_000_000);
    }

    @Test
    void of_anyOrder_sameSummary() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] sorted = new long[1 + rnd.nextInt(5_000)];
        for (int i = 0; i < sorted.length; i++) sorted[i] = rnd.nextLong(1_000_000);
        long[] shuffled = sorted.clone();
        java.util.Arrays.sort(sorted);
        assertThat(Stats.of(shuffled, shuffled.length)).as("seed %d", seed).isEqualTo(Stats.of(sorted, sorted.length));
    }

    @Test
    void of_nothingMeasured_saysSo() {
        assertThatThrownBy(() -> Stats.of(new long[0], 0)).hasMessageContaining("no values measured");
    }
}
