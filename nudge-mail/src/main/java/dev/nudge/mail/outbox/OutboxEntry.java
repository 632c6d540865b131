package dev.nudge.mail.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * The durable state of one send intent.
 *
 * @param messageId the Message-ID (set once composed; stable across retries and resends)
 * @param detail the last SMTP reply or failure reason, for the API
 */
public record OutboxEntry(SendIntent intent, OutboxStatus status, int attempts, String messageId, String detail, Instant updatedAt) {
    public OutboxEntry {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, got " + attempts);
    }

    public static OutboxEntry queued(SendIntent intent) {
        return new OutboxEntry(intent, OutboxStatus.QUEUED, 0, null, null, intent.createdAt());
    }

    public String key() {
        return intent.idempotencyKey();
    }

    public OutboxEntry with(OutboxStatus s, String detail, Instant at) {
        return new OutboxEntry(intent, s, attempts, messageId, detail, at);
    }

    public OutboxEntry sending(String id, Instant at) {
        return new OutboxEntry(intent, OutboxStatus.SENDING, attempts + 1, id, null, at);
    }
}
