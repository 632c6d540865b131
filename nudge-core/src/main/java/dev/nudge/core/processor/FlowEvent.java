package dev.nudge.core.processor;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a flow run in a step (DESIGN.md §9, §11): the runtime appends it to
 * the run's history and adds it to the flow's per-step counters in the same atomic write as the
 * step, so the counts, the history and the sends never disagree after a crash.
 *
 * <p>Invariants, checked when built: non-blank profile, flow and run ids; version ≥ 1; a
 * {@code reason} for DELAYED, SKIPPED and EXITED (e.g. {@code quiet_hours}, {@code frequency_cap},
 * {@code converted}, {@code merged}, {@code completed}); {@code revenue} ≥ 0, non-zero only for
 * CONVERTED; {@code stepId} null only for ENTERED, EXITED and CONVERTED.
 *
 * @param stepId the step's id (explicit, else its path such as {@code 2.on_timeout.0}), or null
 * @param until for DELAYED and WAITING: when the run moves on; else null
 */
public record FlowEvent(String profileId, String flowId, int flowVersion, String runId, String stepId, Kind kind,
                        String reason, double revenue, Instant at, Instant until) {

    public enum Kind {
        /** A run started (its holdout membership in {@code reason}: "treated" or "held_out"). */
        ENTERED,
        /** A wait or wait_for armed its timer. */
        WAITING,
        /** A send was enqueued to the outbox. */
        SENT,
        /** A send was skipped because the run is in the holdout (counted, so lift can be measured). */
        HELD_OUT,
        /** A send was moved later (reason: quiet_hours, frequency_cap, paused). */
        DELAYED,
        /** A send was not made (reason: frequency_cap, no_email, suppressed …). */
        SKIPPED,
        /** A webhook call was queued. */
        WEBHOOK,
        /** A set_trait step changed traits. */
        TRAIT_SET,
        /** The run's goal happened, with its revenue; once per run. */
        CONVERTED,
        /** The run ended (reason: completed, exit_when, an exit step's reason, merged, deleted). */
        EXITED
    }

    public FlowEvent {
        SendRequest.requireText(profileId, "profileId");
        SendRequest.requireText(flowId, "flowId");
        SendRequest.requireText(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (flowVersion < 1) throw new IllegalArgumentException("flowVersion must be at least 1, got " + flowVersion);
        if ((kind == Kind.DELAYED || kind == Kind.SKIPPED || kind == Kind.EXITED) && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException(kind + " needs a reason");
        }
        if (!(revenue >= 0) || revenue > 0 && kind != Kind.CONVERTED) {
            throw new IllegalArgumentException("revenue must be >= 0 and only on CONVERTED, got " + revenue + " on " + kind);
        }
        if (stepId == null && kind != Kind.ENTERED && kind != Kind.EXITED && kind != Kind.CONVERTED) {
            throw new IllegalArgumentException(kind + " needs the step's id");
        }
    }
}
