package dev.nudge.mail.suppression;

import dev.nudge.mail.MessageKind;
import java.util.Optional;

/**
 * The send-time check (DESIGN.md §10): a marketing message is blocked by any entry, a transactional
 * one only by a hard bounce. Called for every message right before it is handed to the transport.
 */
public final class SuppressionCheck {
    private final SuppressionStore store;

    public SuppressionCheck(SuppressionStore store) {
        this.store = store;
    }

    public Optional<Suppression> blocking(String email, MessageKind kind) {
        for (Suppression s : store.find(email)) {
            if (kind == MessageKind.MARKETING || s.reason().blocksTransactional()) return Optional.of(s);
        }
        return Optional.empty();
    }
}
