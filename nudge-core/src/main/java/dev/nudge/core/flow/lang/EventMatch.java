package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Condition;
import java.util.List;
import java.util.Objects;

/**
 * An event awaited by a run ({@code exit_when}, {@code goal}, {@code wait_for}): its name, property
 * filters, and {@code same} — properties that must equal the trigger event's. {@code same} binds per
 * run (each run has its own trigger event), so it is not part of a catalog condition: the later
 * engine slice compiles {@link #asCondition()} into the segment engine and applies {@code same} as an
 * equality filter on the run's trigger values.
 */
public record EventMatch(String event, List<Condition.PropFilter> where, List<String> same) {
    public EventMatch {
        Objects.requireNonNull(event, "event");
        where = List.copyOf(where);
        same = List.copyOf(same);
    }

    /** The event as a segment-language condition (at least one such event), without {@code same}. */
    public Condition.EventCond asCondition() {
        return new Condition.EventCond(event, where, null, null, null, Condition.Test.AT_LEAST_ONE);
    }
}
