package dev.nudge.mail.suppression;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One suppression list entry. Addresses are stored lower-cased and trimmed, so lookups match however
 * the address was typed.
 *
 * @param source who added it: {@code one_click}, {@code smtp}, {@code sendgrid}, {@code csv_import}, ...
 */
public record Suppression(String email, SuppressionReason reason, String source, String note, Instant at) {
    public Suppression {
        email = normalize(email);
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        source = source == null ? "unknown" : source;
        note = note == null ? "" : note;
    }

    public static String normalize(String email) {
        if (email == null) throw new IllegalArgumentException("suppression needs an email address");
        String e = email.trim().toLowerCase(Locale.ROOT);
        int at = e.indexOf('@');
        if (at <= 0 || at != e.lastIndexOf('@') || at == e.length() - 1 || e.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("'" + email + "' is not an email address (expected local@domain)");
        }
        return e;
    }
}
