package dev.nudge.bench.engine;

import java.util.SplittableRandom;

/** Fisher–Yates over an int array, seeded: the order in which the scaling benchmarks visit profiles. */
final class Shuffle {
    private Shuffle() {
    }

    static void inPlace(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }
}
