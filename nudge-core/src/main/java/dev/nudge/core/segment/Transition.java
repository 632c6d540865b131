package dev.nudge.core.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * A real change of one profile's membership in one segment. {@code at} is the instant the change
 * took effect: the due instant for {@link Cause#TIME} (never the later moment a timer ran), the
 * processing instant for the other causes.
 */
public record Transition(String profileId, String segmentId, Kind kind, Instant at, Cause cause) {
    public enum Kind { ENTERED, EXITED }

    public Transition {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
    }
}
