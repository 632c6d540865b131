package dev.nudge.core.processor;

import java.util.Objects;

/**
 * A send a flow step asks for (DESIGN.md §9, §10): the runtime writes it to the outbox in the same
 * atomic write as the step, and the mailer sends at most one email per {@code idempotencyKey}.
 * No step produces one yet (flows are not in the processor yet).
 *
 * <p>Invariants, checked when built: non-blank profile id, template and idempotency key (at most
 * {@value #MAX_KEY_LENGTH} characters, no whitespace, as in {@code flow/{flow}/{run}/{step}}).
 *
 * @param transactional exempt from frequency caps and quiet hours
 */
public record SendRequest(String profileId, String template, String idempotencyKey, boolean transactional) {
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
        return new SendRequest(profileId, t, idempotencyKey, transactional);
    }

    public SendRequest withTransactional(boolean t) {
        return new SendRequest(profileId, template, idempotencyKey, t);
    }

    static void requireText(String v, String name) {
        Objects.requireNonNull(v, name);
        if (v.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }
}
