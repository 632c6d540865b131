package dev.nudge.mail.tracking;

import java.util.List;
import java.util.Optional;

/**
 * Sent messages by Message-ID, for click redirects, open pixels and webhook correlation.
 *
 * <p>Durability: {@link #put} must be durable before the message is handed to SMTP (a click can
 * arrive a second after delivery); on RocksDB a single key {@code msg/{messageId}} holding the
 * encoded record is enough — no multi-key atomicity is needed. {@code put} overwrites.
 */
public interface MessageStore {
    void put(StoredMessage message);

    /** Stores many, durable together when it returns (one synced write on a durable store). */
    default void putAll(List<StoredMessage> messages) {
        messages.forEach(this::put);
    }

    Optional<StoredMessage> find(String messageId);
}
