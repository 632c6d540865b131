package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Condition;
import java.util.Objects;

/**
 * What {@code exit_when} items, {@code goal} and {@code wait_for} look for: an event after the run
 * reached that point ({@link OnEvent}), or a segment-language condition becoming true ({@link When}).
 */
public sealed interface Awaited {
    record OnEvent(EventMatch match) implements Awaited {
        public OnEvent { Objects.requireNonNull(match, "match"); }
    }

    record When(Condition condition) implements Awaited {
        public When { Objects.requireNonNull(condition, "condition"); }
    }
}
