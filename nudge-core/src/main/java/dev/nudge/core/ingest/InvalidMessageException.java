package dev.nudge.core.ingest;

import java.util.List;

/** Thrown when a call or batch is refused; carries every problem found, not just the first. */
public final class InvalidMessageException extends Exception {
    private final List<IngestError> errors;

    public InvalidMessageException(List<IngestError> errors) {
        super(errors.isEmpty() ? "invalid message" : errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public InvalidMessageException(IngestError error) {
        this(List.of(error));
    }

    public List<IngestError> errors() {
        return errors;
    }
}
