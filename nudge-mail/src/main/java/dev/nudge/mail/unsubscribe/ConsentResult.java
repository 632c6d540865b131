package dev.nudge.mail.unsubscribe;

import dev.nudge.core.event.Event;
import java.util.List;

/** The outcome of a consent change request. */
public sealed interface ConsentResult {
    /**
     * Applied: the suppression list and consent log are already written; {@code events} (an
     * {@code Unsubscribed}/{@code Resubscribed} track call and an identify carrying the whole
     * {@code consent} trait) must be ingested so segments see the change.
     */
    record Applied(List<Event> events, ConsentLogEntry logEntry) implements ConsentResult {
        public Applied {
            events = List.copyOf(events);
        }
    }

    /**
     * The change was already in effect (a repeated one-click POST, an unsubscribe from an
     * unsubscribed address): nothing was written and there is nothing to ingest; answer as for
     * {@link Applied}.
     */
    record Unchanged(UnsubscribeClaim claim) implements ConsentResult {
    }

    /** Nothing changed; answer 4xx with {@code reason}. */
    record Refused(String reason) implements ConsentResult {
    }
}
