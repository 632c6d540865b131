package dev.nudge.mail.unsubscribe;

import java.util.List;

/**
 * Append-only consent history. RocksDB layout hint: key {@code consent/{profileId}/{at big-endian}/{seq}}.
 * An append must be durable before the unsubscribe is acknowledged to the person.
 */
public interface ConsentLog {
    void append(ConsentLogEntry entry);

    /** Oldest first. */
    List<ConsentLogEntry> history(String profileId);
}
