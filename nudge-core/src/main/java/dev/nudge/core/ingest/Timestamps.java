package dev.nudge.core.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * Timestamp correction as the Segment spec defines it: a client's clock may be wrong, but the
 * difference between its {@code timestamp} and its {@code sentAt} is right, so
 * {@code timestamp = receivedAt − (sentAt − originalTimestamp)}. No timestamp means receivedAt.
 * A result further than {@link #MAX_FUTURE} ahead of receivedAt is clamped to receivedAt and
 * reported as clamped (the caller flags the event).
 */
public final class Timestamps {
    /** How far in the future an event may be dated before it is treated as a broken clock. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

    private Timestamps() {}

    public record Corrected(Instant timestamp, boolean clamped) {}

    public static Corrected correct(Instant original, Instant sentAt, Instant receivedAt) {
        Instant t;
        if (original == null) {
            t = receivedAt;
        } else if (sentAt != null) {
            t = receivedAt.minus(Duration.between(original, sentAt));
        } else {
            t = original;
        }
        if (t.isAfter(receivedAt.plus(MAX_FUTURE))) return new Corrected(receivedAt, true);
        return new Corrected(t, false);
    }
}
