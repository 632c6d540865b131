package dev.nudge.mail.outbox;

import java.util.Optional;

/**
 * Asks the receiving side whether it holds a message, by Message-ID: true, false, or empty when it
 * cannot tell (plain SMTP). Used by {@link OutboxRecovery} to settle sends found in SENDING.
 */
@FunctionalInterface
public interface DeliveryProbe {
    Optional<Boolean> accepted(String messageId);

    DeliveryProbe UNKNOWN = id -> Optional.empty();
}
