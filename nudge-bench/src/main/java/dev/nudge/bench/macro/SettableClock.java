package dev.nudge.bench.macro;

import java.time.Instant;
import java.time.InstantSource;

/** An {@link InstantSource} the benchmark sets: Nudge evaluates "now" exactly where the SQL's {@code :now} is. */
final class SettableClock implements InstantSource {
    private volatile Instant now;

    SettableClock(Instant start) {
        this.now = start;
    }

    void set(Instant next) {
        now = next;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
