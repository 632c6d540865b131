package dev.nudge.core.flow.lang;

import java.time.Duration;
import java.util.Objects;

/**
 * A conversion: {@code awaited} within {@code within} of the run's start (null = while the run is
 * active). The converting event's {@code revenue} property is reported with it.
 */
public record Goal(Awaited awaited, Duration within) {
    public Goal {
        Objects.requireNonNull(awaited, "awaited");
        if (within != null && (within.isNegative() || within.isZero())) throw new IllegalArgumentException("goal within must be positive, got " + within);
    }
}
