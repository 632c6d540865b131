package dev.nudge.server.ingest;

import dev.nudge.store.ingest.RejectedLog;

import java.util.Map;

/** How many entries the rejected-messages log keeps: {@code NUDGE_REJECTED_LOG_SIZE}, default {@value RejectedLog#DEFAULT_CAPACITY}. */
public final class RejectedLogSize {
    public static final String ENV = "NUDGE_REJECTED_LOG_SIZE";

    private RejectedLogSize() {}

    /** The configured size; a value that is not a whole number in range fails the start with what to set. */
    public static int from(Map<String, String> env) {
        String raw = env.get(ENV);
        if (raw == null || raw.isBlank()) return RejectedLog.DEFAULT_CAPACITY;
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 0 && n <= RejectedLog.MAX_CAPACITY) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(ENV + " must be a whole number from 0 (keep no rejected messages) to "
                + RejectedLog.MAX_CAPACITY + ", got \"" + raw + "\"");
    }
}
