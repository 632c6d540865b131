package dev.nudge.core.flow.lang;

import dev.nudge.core.segment.lang.Condition;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/** What starts a run (DESIGN.md §9): exactly one kind per flow. */
public sealed interface Trigger {

    /** A tracked event named {@code event} whose properties pass {@code where} (segment-language filters). */
    record EventTrigger(String event, List<Condition.PropFilter> where) implements Trigger {
        public EventTrigger {
            Objects.requireNonNull(event, "event");
            if (event.isBlank()) throw new IllegalArgumentException("event name is blank");
            where = List.copyOf(where);
        }
    }

    /**
     * A segment transition: entering ({@code entered}) or exiting segment {@code segmentId}.
     * Backfill transitions (a new or changed segment computed over history) start no run unless
     * {@code includeBackfill}.
     */
    record SegmentTrigger(boolean entered, String segmentId, boolean includeBackfill) implements Trigger {
        public SegmentTrigger { Objects.requireNonNull(segmentId, "segmentId"); }
    }

    /**
     * A date trait at a local time in the profile's time zone: {@code every} year on the date's
     * month and day (birthdays, anniversaries), or {@code once} on the date itself.
     */
    record DateTrigger(String trait, LocalTime at, Every every) implements Trigger {
        public DateTrigger {
            Objects.requireNonNull(trait, "trait");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(every, "every");
        }
    }

    /** Started only through the API: {@code POST /api/v1/flows/{id}/runs {"profile_id": ...}}. */
    record ApiTrigger() implements Trigger {}

    enum Every {
        YEAR("year"), ONCE("once");

        public final String key;

        Every(String key) { this.key = key; }
    }
}
