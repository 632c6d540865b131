package dev.nudge.store.ingest;

/** The writer's queue is full: the caller should answer 429 with Retry-After and let the client retry. */
public final class OverloadedException extends Exception {
    public OverloadedException(String message) {
        super(message, null, false, false);
    }
}
