package dev.nudge.mail;

/**
 * Hands one message to something that delivers it: an SMTP relay ({@code smtp.SmtpTransport}) or the
 * built-in mail catcher ({@code catcher.MailCatcher}).
 *
 * <p>Contract: returns {@link DeliveryResult.Accepted} only once the receiver has taken
 * responsibility for the message (SMTP: the 250 reply after DATA). Never throws for a delivery
 * problem: every failure is a {@link DeliveryResult} so callers can classify it. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface MailTransport {
    DeliveryResult send(OutgoingMessage message);

    /** Releases connections; default does nothing. */
    default void close() {
    }
}
