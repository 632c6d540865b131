package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import java.util.List;

/**
 * The profile's stored events, in any order, with or without the event being processed (the
 * engine counts that one exactly once either way).
 * It may be large: the engine calls it to rebuild a state (merge, backfill, a state from another
 * catalog version) and, rarely, to re-derive one windowed sum/avg/min/max whose summarised older
 * events start to leave the window; any order is fine.
 */
@FunctionalInterface
public interface HistorySource {
    List<Event> events();

    HistorySource NONE = List::of;
}
