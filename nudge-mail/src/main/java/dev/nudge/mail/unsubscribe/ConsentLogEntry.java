package dev.nudge.mail.unsubscribe;

import java.time.Instant;
import java.util.Objects;

/**
 * One consent change, kept for compliance (DESIGN.md §15): who, what, when, how and from where.
 *
 * @param source {@code one_click}, {@code preference_page}, {@code mailto}, {@code api}, {@code esp:sendgrid}, ...
 */
public record ConsentLogEntry(String profileId, String email, ConsentChange change, String source, String ip,
                              String messageId, Instant at) {
    public ConsentLogEntry {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        ip = ip == null ? "" : ip;
    }
}
