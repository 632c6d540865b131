package dev.nudge.mail.outbox;

import java.time.Duration;

/**
 * Exponential backoff for temporary failures (4xx, server unreachable): attempt n (1-based) that
 * failed waits {@code initial * multiplier^(n-1)}, capped at {@code max}, before attempt n+1; after
 * {@code maxAttempts} attempts the send is FAILED.
 */
public record RetryPolicy(int maxAttempts, Duration initial, double multiplier, Duration max) {
    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        if (multiplier < 1) throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2));
    }

    public Duration backoffAfter(int attempt) {
        double nanos = initial.toNanos() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }
}
