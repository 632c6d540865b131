package dev.nudge.mail;

/**
 * Marketing messages carry one-click unsubscribe headers, {@code Precedence: bulk} and obey every
 * suppression; transactional ones (receipts, password resets) skip marketing suppressions but never
 * a hard bounce.
 */
public enum MessageKind {
    MARKETING, TRANSACTIONAL
}
