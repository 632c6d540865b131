package dev.nudge.mail.outbox;

/**
 * Life of a send: {@code QUEUED → SENDING → SENT → DELIVERED | BOUNCED}, or {@code FAILED}, or
 * {@code SUPPRESSED} (blocked at send time). {@code SENDING} is written durably right before the
 * SMTP handoff: finding it after a crash means "maybe sent" (see {@link RecoveryPolicy}). A 4xx
 * goes {@code SENDING → QUEUED} (attempts kept) and back after the backoff.
 */
public enum OutboxStatus {
    QUEUED, SENDING, SENT, DELIVERED, BOUNCED, FAILED, SUPPRESSED;

    /** Nothing more will be sent for an entry in this status. */
    public boolean isFinal() {
        return this != QUEUED && this != SENDING;
    }
}
