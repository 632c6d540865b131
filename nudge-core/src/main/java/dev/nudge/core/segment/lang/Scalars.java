package dev.nudge.core.segment.lang;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the language's scalar forms: durations, instants and "OP N" tests. Errors are hints, not exceptions. */
final class Scalars {
    private Scalars() {}

    /** Largest N in a count or distinct test. */
    static final int MAX_COUNT = 10_000;
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w)");
    private static final Pattern TEST = Pattern.compile("\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

    /** A result or an error message with a hint. */
    record Parsed<T>(T value, String error, String hint) {
        static <T> Parsed<T> ok(T v) { return new Parsed<>(v, null, null); }
        static <T> Parsed<T> bad(String e, String h) { return new Parsed<>(null, e, h); }
    }

    static Parsed<Duration> duration(Node n) {
        if (n instanceof Node.Scalar s && s.value() instanceof Number num) {
            return Parsed.bad("window `" + s.text() + "` has no unit", "write `" + num + "d` (units: s, m, h, d, w) or ISO-8601 like `P" + num + "D`");
        }
        if (!(n instanceof Node.Scalar s) || !(s.value() instanceof String text)) {
            return Parsed.bad("expected a duration, found " + Node.describe(n), "write a duration like `30d`, `12h` or `P30D`");
        }
        Matcher m = SHORT.matcher(text.trim());
        Duration d = null;
        if (m.matches()) {
            long k = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(k);
                case "m" -> Duration.ofMinutes(k);
                case "h" -> Duration.ofHours(k);
                case "d" -> Duration.ofDays(k);
                default -> Duration.ofDays(7 * k);
            };
        } else if (text.startsWith("P") || text.startsWith("p")) {
            try {
                d = Duration.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    Period p = Period.parse(text);
                    if (p.getYears() != 0 || p.getMonths() != 0) {
                        return Parsed.bad("duration `" + text + "` uses months or years, which have no fixed length", "write days instead, e.g. `P365D` or `365d`");
                    }
                    d = Duration.ofDays(p.getDays());
                } catch (DateTimeParseException e2) {
                    return Parsed.bad("bad ISO-8601 duration `" + text + "`", "write e.g. `P30D`, `PT12H` or the short form `30d`");
                }
            }
        } else {
            return Parsed.bad("bad duration `" + text + "`", "write a number and a unit (s, m, h, d, w), e.g. `30d`, or ISO-8601 like `P30D`");
        }
        if (d.isNegative() || d.isZero()) return Parsed.bad("duration `" + text + "` must be positive", "write e.g. `30d`");
        if (d.getNano() % 1_000_000 != 0) return Parsed.bad("duration `" + text + "` is finer than a millisecond", "round it to milliseconds");
        return Parsed.ok(d);
    }

    static Parsed<Instant> instant(Node n) {
        Object v = n instanceof Node.Scalar s ? s.value() : null;
        Instant i = Values.instant(v);
        if (i != null) return Parsed.ok(i);
        return Parsed.bad("bad instant " + Node.describe(n), "write ISO-8601 like `2024-01-31T00:00:00Z` or a date like `2024-01-31`");
    }

    /** "OP N" → (cmp, n). Plain numbers are refused: "3" could mean ">= 3" or "== 3". */
    static Parsed<Object[]> test(Node n, boolean integer) {
        if (n instanceof Node.Scalar s && s.value() instanceof Number num) {
            return Parsed.bad("test `" + s.text() + "` has no comparison", "write it quoted with an operator, e.g. `\">= " + num + "\"` or `\"== " + num + "\"`");
        }
        if (!(n instanceof Node.Scalar s) || !(s.value() instanceof String text)) {
            return Parsed.bad("expected a test like \">= 3\", found " + Node.describe(n), "write `\"OP N\"` with OP one of >=, >, ==, !=, <, <=");
        }
        Matcher m = TEST.matcher(text);
        if (!m.matches()) {
            return Parsed.bad("bad test `" + text + "`", "write `\"OP N\"` with OP one of >=, >, ==, !=, <, <=, e.g. `\">= 3\"`; `\"== 0\"` means \"did not\"");
        }
        double k = Double.parseDouble(m.group(2));
        // The engine keeps up to N + 1 times for a windowed count against N, so N is bounded.
        if (integer && (k < 0 || k != Math.rint(k) || k > MAX_COUNT)) {
            return Parsed.bad("count `" + text + "` must compare with a whole number from 0 to " + MAX_COUNT, "write e.g. `\">= 3\"`");
        }
        Condition.Cmp cmp = switch (m.group(1)) {
            case ">=" -> Condition.Cmp.GE;
            case ">" -> Condition.Cmp.GT;
            case "==" -> Condition.Cmp.EQ;
            case "!=" -> Condition.Cmp.NE;
            case "<" -> Condition.Cmp.LT;
            default -> Condition.Cmp.LE;
        };
        return Parsed.ok(new Object[] {cmp, k});
    }
}
