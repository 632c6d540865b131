package dev.nudge.core.ingest;

import java.util.Objects;

/**
 * One reason a message was refused: a stable {@code code} for metrics and clients, the JSON path
 * of the offending {@code field} ({@code batch[3].userId}), and a message that says what to fix.
 */
public record IngestError(String code, String field, String message) {
    public IngestError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public IngestError atIndex(String prefix) {
        return new IngestError(code, field == null ? prefix : prefix + "." + field, message);
    }
}
