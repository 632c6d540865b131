package dev.nudge.mail.smtp;

import dev.nudge.mail.Sleeper;
import java.time.Duration;
import java.time.InstantSource;

/**
 * A token-bucket rate limit (as GCRA: one "theoretical arrival time" instead of a token count, which
 * is the same limit with less state). {@code ratePerSecond} sustained, up to {@code burst} at once
 * after idling. Callers reserve a slot under the lock and wait outside it, so N workers share the
 * rate fairly. Clock and sleeper are injected: tests advance a fake clock and never sleep.
 */
public final class TokenBucket {
    private final long intervalNanos;
    private final long toleranceNanos;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private long tatNanos = Long.MIN_VALUE;

    public TokenBucket(double ratePerSecond, int burst, InstantSource clock, Sleeper sleeper) {
        if (!(ratePerSecond > 0)) throw new IllegalArgumentException("rate must be > 0 messages/s, got " + ratePerSecond);
        if (burst < 1) throw new IllegalArgumentException("burst must be >= 1, got " + burst);
        this.intervalNanos = Math.max(1, (long) (1e9 / ratePerSecond));
        this.toleranceNanos = (burst - 1) * intervalNanos;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until one message may be sent. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) sleeper.sleep(Duration.ofNanos(wait));
    }

    /** Reserves the next slot; returns how long to wait for it (nanoseconds, 0 = now). */
    synchronized long reserve() {
        java.time.Instant i = clock.instant();
        long now = i.getEpochSecond() * 1_000_000_000L + i.getNano();
        long tat = Math.max(tatNanos, now);
        long wait = Math.max(0, tat - toleranceNanos - now);
        tatNanos = tat + intervalNanos;
        return wait;
    }
}
