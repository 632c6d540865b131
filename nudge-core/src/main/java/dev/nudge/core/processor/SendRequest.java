package dev.nudge.core.processor;

import dev.nudge.core.event.Event;

import java.util.Objects;

/**
 * A send a flow step asks for (DESIGN.md §9, §10): the runtime writes it to the outbox in the same
 * atomic write as the step, and the mailer sends at most one email per {@code idempotencyKey}.
 *
 * <p>Invariants, checked when built: non-blank profile id, template and idempotency key (at most
 * {@value #MAX_KEY_LENGTH} characters, no whitespace, as in {@code flow/{flow}/{run}/{step}}).
 *
 * @param transactional exempt from frequency caps and quiet hours
 */
public record SendRequest(String profileId, String template, String idempotencyKey, boolean transactional, Origin origin) {

    /**
     * Where a flow send comes from, for the outbox entry (reports per flow, step and version) and the
     * template's {@code event} and {@code flow} variables; null for a send that is not a flow's.
     *
     * @param trigger the event that started the run (the template's {@code event}), or null (segment, date, API triggers)
     */
    public record Origin(String flowId, int flowVersion, String runId, String stepId, Event trigger) {
        public Origin {
            requireText(flowId, "flowId");
            requireText(runId, "runId");
            requireText(stepId, "stepId");
            if (flowVersion < 1) throw new IllegalArgumentException("flowVersion must be at least 1, got " + flowVersion);
        }
    }

    /** A send with no flow origin. */
    public SendRequest(String profileId, String template, String idempotencyKey, boolean transactional) {
        this(profileId, template, idempotencyKey, transactional, null);
    }

    /** Keys end up in storage keys and headers: bounded and free of whitespace. */
    public static final int MAX_KEY_LENGTH = 512;

    public SendRequest {
        requireText(profileId, "profileId");
        requireText(template, "template");
        requireText(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotencyKey is " + idempotencyKey.length() + " characters; at most " + MAX_KEY_LENGTH);
        }
        if (idempotencyKey.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("idempotencyKey must not contain whitespace, got '" + idempotencyKey + "'");
        }
    }

    public SendRequest withTemplate(String t) {
        return new SendRequest(profileId, t, idempotencyKey, transactional, origin);
    }

    public SendRequest withTransactional(boolean t) {
        return new SendRequest(profileId, template, idempotencyKey, t, origin);
    }

    static void requireText(String v, String name) {
        Objects.requireNonNull(v, name);
        if (v.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }
}
