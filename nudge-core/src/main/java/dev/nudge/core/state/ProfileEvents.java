package dev.nudge.core.state;

import dev.nudge.core.segment.HistorySource;

/**
 * A profile's stored events in event-time order, as the processor's {@code history} argument: read
 * lazily, and only by the steps that re-derive a state (rebuilds, spilled windows). The source sees
 * the events as the runtime's current write sees them, including its own pending ones.
 */
@FunctionalInterface
public interface ProfileEvents {
    HistorySource history(String profileId);
}
