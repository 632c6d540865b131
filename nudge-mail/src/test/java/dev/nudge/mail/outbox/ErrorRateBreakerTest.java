package dev.nudge.mail.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErrorRateBreakerTest {
    @Test
    void record_tripsExactlyWhenWindowRateReachesThreshold_randomizedAgainstReference() {
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int window = 1 + rnd.nextInt(30);
            int min = 1 + rnd.nextInt(window);
            double threshold = 0.05 + rnd.nextDouble() * 0.95;
            double p = rnd.nextDouble();
            ErrorRateBreaker b = new ErrorRateBreaker(window, min, threshold);
            ArrayDeque<Boolean> ref = new ArrayDeque<>();
            boolean refTripped = false;
            for (int i = 0; i < 100; i++) {
                boolean failed = rnd.nextDouble() < p;
                ref.addLast(failed);
                if (ref.size() > window) ref.removeFirst();
                long f = ref.stream().filter(x -> x).count();
                if (ref.size() >= min && f >= threshold * ref.size()) refTripped = true;
                assertThat(b.record(failed)).as("seed %d round %d step %d", seed, round, i).isEqualTo(refTripped);
            }
        }
    }

    @Test
    void reset_clearsTrip() {
        ErrorRateBreaker b = new ErrorRateBreaker(4, 2, 0.5);
        b.record(true);
        assertThat(b.record(true)).isTrue();
        b.reset();
        assertThat(b.tripped()).isFalse();
        assertThat(b.record(false)).isFalse();
    }

    @Test
    void retryPolicy_backoffDoublesAndCaps() {
        RetryPolicy r = new RetryPolicy(10, Duration.ofSeconds(2), 2.0, Duration.ofSeconds(30));
        assertThat(r.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(r.backoffAfter(8)).isEqualTo(Duration.ofSeconds(30));
    }
}
