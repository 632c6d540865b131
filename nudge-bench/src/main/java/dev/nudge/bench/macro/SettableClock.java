package dev.nudge.bench.macro;

import java.time.Instant;
import java.time.InstantSource;

/**
 * An {@link InstantSource} the benchmark sets: Nudge evaluates "now" exactly where the SQL's
 * {@code :now} is. It can also be let run from a set instant at the wall clock's pace, for the
 * measurements on the loaded store that need time to pass (timers).
 */
final class SettableClock implements InstantSource {
    /** Stopped at {@code base} when {@code since} is negative; else base + (nanoTime − since). */
    private record Reading(Instant base, long since) {}

    private volatile Reading reading;

    SettableClock(Instant start) {
        this.reading = new Reading(start, -1);
    }

    /** Stops the clock at {@code next}. */
    void set(Instant next) {
        reading = new Reading(next, -1);
    }

    /** Lets the clock run from {@code start} at the wall clock's pace. */
    void runFrom(Instant start) {
        reading = new Reading(start, System.nanoTime());
    }

    @Override
    public Instant instant() {
        Reading r = reading;
        return r.since() < 0 ? r.base() : r.base().plusNanos(System.nanoTime() - r.since());
    }
}
