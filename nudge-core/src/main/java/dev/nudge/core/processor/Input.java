package dev.nudge.core.processor;

import dev.nudge.core.event.Event;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one step of the per-profile processor reacts to: the inputs the store's segment runtime
 * has today. Erasure is not one: an erased person leaves every segment silently, so it is a
 * deletion in storage and produces no step.
 */
public sealed interface Input {

    /**
     * An event was appended to the profile's log. The state already carries the traits and ids the
     * event set (the store applies them); the step runs at {@code max(now, event time)}.
     */
    record EventInput(Event event) implements Input {
        public EventInput {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Nudge itself changed the profile's traits (computed traits: RFM, predictions, consent); the
     * state already carries the new ones. Segments reading traits are re-evaluated (cause TRAITS).
     */
    record TraitsChanged() implements Input {}

    /** Time reached {@code due}, an earlier {@link ProfileState#nextDue()}; a stale due changes nothing. */
    record DueInput(Instant due) implements Input {
        public DueInput {
            Objects.requireNonNull(due, "due");
        }
    }

    /**
     * Profile {@code fromId} was merged into this one: it leaves every segment it was in
     * ({@code fromMemberships}, in the order given), and this profile is re-evaluated once over the
     * merged history (cause MERGE). The state is the surviving profile's, with the merged ids and traits.
     */
    record MergeInput(String fromId, Map<String, Instant> fromMemberships) implements Input {
        public MergeInput {
            Objects.requireNonNull(fromId, "fromId");
            if (fromId.isBlank()) throw new IllegalArgumentException("the merged profile's id must not be blank");
            Objects.requireNonNull(fromMemberships, "fromMemberships");
            fromMemberships.forEach((k, v) -> Objects.requireNonNull(v, () -> "since of segment " + k));
            fromMemberships = Collections.unmodifiableMap(new LinkedHashMap<>(fromMemberships));
        }
    }

    /**
     * The segment catalog changed (a segment added, edited or deleted): a state built under
     * another catalog is rebuilt from history (cause BACKFILL); a current one is left as it is.
     */
    record DefinitionChange() implements Input {}

    /**
     * A run of flow {@code flowId} was asked for through the API ({@code POST /api/v1/flows/{id}/runs};
     * the flow's trigger is {@code api: true}); {@code properties} are the run's trigger properties
     * (what {@code key} and {@code same} read). A flow with another trigger ignores it.
     */
    record FlowStart(String flowId, Map<String, Object> properties) implements Input {
        public FlowStart {
            Objects.requireNonNull(flowId, "flowId");
            properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    /**
     * Flow {@code flowId} was resumed after a pause: the profile's runs of it that held at a step
     * move on from where they were. The runtime gives it to every profile with a run of the flow.
     */
    record FlowResumed(String flowId) implements Input {
        public FlowResumed {
            Objects.requireNonNull(flowId, "flowId");
        }
    }
}
