package dev.nudge.mail.outbox;

import dev.nudge.core.event.Event;
import java.util.List;

/**
 * What one {@link Sender#deliver} call ended in.
 *
 * @param countsAsError whether an auto-pause breaker should count it as a failure (rejections,
 *                      unreachable server, uncertain handoffs; not suppressions or already-sent keys)
 * @param events email events to ingest (e.g. {@code Email Bounced} after a 5xx)
 */
public record SendOutcome(String key, OutboxStatus status, String detail, boolean countsAsError, boolean alreadyDone, List<Event> events) {
    public SendOutcome {
        events = List.copyOf(events);
    }
}
