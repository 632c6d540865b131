package dev.nudge.core.flow.lang;

import java.time.Duration;

/**
 * Whether a profile (per key) may start another run after one: {@code never} (the default),
 * {@code always} (once the previous run ended), or {@code {after: D}} (D after the previous run started).
 */
public record ReEntry(Kind kind, Duration after) {
    public static final ReEntry NEVER = new ReEntry(Kind.NEVER, null);
    public static final ReEntry ALWAYS = new ReEntry(Kind.ALWAYS, null);

    public enum Kind { NEVER, ALWAYS, AFTER }

    public ReEntry {
        java.util.Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.AFTER) != (after != null)) throw new IllegalArgumentException("`after` is set exactly for re_entry after");
        if (after != null && (after.isNegative() || after.isZero())) throw new IllegalArgumentException("re_entry after must be positive, got " + after);
    }

    public static ReEntry after(Duration d) {
        return new ReEntry(Kind.AFTER, d);
    }
}
