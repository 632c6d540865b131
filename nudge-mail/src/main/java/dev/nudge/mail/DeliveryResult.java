package dev.nudge.mail;

/**
 * What a transport says about one handoff.
 *
 * <ul>
 *   <li>{@link Accepted}: the receiver took the message (SMTP 250).</li>
 *   <li>{@link Rejected}: the receiver answered with a reply code: 4xx is temporary (retry with
 *       backoff), 5xx permanent; {@code hardBounce} marks a 5xx that says the address is bad
 *       (5.1.x etc.) so it is suppressed.</li>
 *   <li>{@link Uncertain}: the connection broke after the message may have been handed over (no
 *       reply to DATA). Whether it was delivered is unknown; the outbox's recovery policy decides.</li>
 *   <li>{@link Unavailable}: no handoff happened at all (connect or login failed): safe to retry.</li>
 * </ul>
 */
public sealed interface DeliveryResult {
    record Accepted(String reply) implements DeliveryResult {
    }

    record Rejected(int code, String enhancedStatus, String reply, boolean hardBounce) implements DeliveryResult {
        public boolean temporary() {
            return code >= 400 && code < 500;
        }
    }

    record Uncertain(String reason) implements DeliveryResult {
    }

    record Unavailable(String reason) implements DeliveryResult {
    }
}
