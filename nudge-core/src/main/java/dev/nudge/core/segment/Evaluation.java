package dev.nudge.core.segment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one engine call produced: the profile's new state (persist it), the transitions in order
 * of {@code at}, and the next instant the engine must be called with {@code onTime} if nothing
 * else happens (null = no timer needed).
 */
public record Evaluation(ProfileSegmentState newState, List<Transition> transitions, Instant nextDue) {
    public Evaluation {
        Objects.requireNonNull(newState, "newState");
        transitions = List.copyOf(transitions);
    }
}
