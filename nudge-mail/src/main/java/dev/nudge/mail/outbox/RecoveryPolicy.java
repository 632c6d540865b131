package dev.nudge.mail.outbox;

/**
 * What to do with a send whose fate is unknown: found in SENDING after a crash, or whose connection
 * broke after the DATA go-ahead. SMTP cannot tell a client whether such a message was accepted
 * (RFC 1047), so one of two promises must give:
 *
 * <ul>
 *   <li>{@link #AT_MOST_ONCE} (default, DESIGN.md §15 "no duplicate send"): mark it FAILED with
 *       reason {@code uncertain}; never resend. A crash in the window loses at most the messages in
 *       flight at that instant (one per worker), and they are visible in the API.</li>
 *   <li>{@link #AT_LEAST_ONCE}: resend with the same Message-ID, so receivers that dedupe by
 *       Message-ID (Gmail does within a mailbox) show one copy.</li>
 * </ul>
 * A {@link DeliveryProbe} that knows the answer (the mail catcher, an ESP API) overrides both.
 */
public enum RecoveryPolicy {
    AT_MOST_ONCE, AT_LEAST_ONCE
}
