package dev.nudge.core.segment.lang;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Operator semantics over JSON values, shared by the reference evaluator and the engine (the
 * differential tests aim at the engine's bookkeeping of time and history, not at these few lines,
 * which have their own unit test).
 *
 * <p>Conventions: a missing path and a JSON null are "absent". Numbers compare numerically
 * (100 equals 100.0), strings lexicographically; comparing a number with a string is false.
 * {@code not_equals} and {@code not_in} hold for absent values (a profile with no plan is "not on
 * the gold plan"). Date values are ISO-8601 instants, offset date-times or dates (midnight UTC).
 */
public final class Values {
    private Values() {}

    /** Follows a dotted path through nested maps; returns null when any part is absent. */
    public static Object lookup(Map<String, Object> root, String path) {
        Object direct = root.get(path);
        if (direct != null || path.indexOf('.') < 0) return direct;
        Object cur = root;
        for (String part : path.split("\\.")) {
            if (!(cur instanceof Map<?, ?> m)) return null;
            cur = m.get(part);
            if (cur == null) return null;
        }
        return cur;
    }

    public static boolean allHold(List<Condition.PropFilter> where, Map<String, Object> props, Instant t) {
        for (Condition.PropFilter f : where) {
            if (!test(f.predicate(), lookup(props, f.path()), t)) return false;
        }
        return true;
    }

    /** Evaluates one operator against {@code v} (null = absent) at instant {@code t}. */
    public static boolean test(Predicate p, Object v, Instant t) {
        Object a = p.arg();
        return switch (p.op()) {
            case EQUALS -> v != null && jsonEquals(v, a);
            case NOT_EQUALS -> v == null || !jsonEquals(v, a);
            case IN -> v != null && ((List<?>) a).stream().anyMatch(x -> jsonEquals(v, x));
            case NOT_IN -> v == null || ((List<?>) a).stream().noneMatch(x -> jsonEquals(v, x));
            case CONTAINS -> v instanceof String s ? a != null && s.contains(a.toString())
                    : v instanceof List<?> l && l.stream().anyMatch(x -> x != null && jsonEquals(x, a));
            case EXISTS -> (v != null) == (Boolean) a;
            case GT -> compare(v, a) instanceof Integer c && c > 0;
            case GTE -> compare(v, a) instanceof Integer c && c >= 0;
            case LT -> compare(v, a) instanceof Integer c && c < 0;
            case LTE -> compare(v, a) instanceof Integer c && c <= 0;
            case BETWEEN -> {
                List<?> r = (List<?>) a;
                yield compare(v, r.get(0)) instanceof Integer lo && lo >= 0 && compare(v, r.get(1)) instanceof Integer hi && hi <= 0;
            }
            case BEFORE -> instant(v) instanceof Instant d && d.isBefore((Instant) a);
            case AFTER -> instant(v) instanceof Instant d && d.isAfter((Instant) a);
            // (t − D, t]
            case WITHIN -> instant(v) instanceof Instant d && d.isAfter(t.minus((Duration) a)) && !d.isAfter(t);
            // ≤ t − D
            case OLDER_THAN -> instant(v) instanceof Instant d && !d.isAfter(t.minus((Duration) a));
            // (t, t + D]
            case IN_NEXT -> instant(v) instanceof Instant d && d.isAfter(t) && !d.isAfter(t.plus((Duration) a));
        };
    }

    /**
     * Reports, in epoch millis, every instant at which a relative date operator on {@code v} can
     * change its answer: exactly the boundaries of the intervals in {@link #test}.
     */
    public static void changePoints(Predicate p, Object v, LongConsumer out) {
        if (!p.op().relative()) return;
        Instant d = instant(v);
        if (d == null) return;
        long dm = d.toEpochMilli();
        long dur = ((Duration) p.arg()).toMillis();
        switch (p.op()) {
            case WITHIN -> { out.accept(dm); out.accept(dm + dur); }
            case OLDER_THAN -> out.accept(dm + dur);
            case IN_NEXT -> { out.accept(dm - dur); out.accept(dm); }
            default -> { }
        }
    }

    public static boolean jsonEquals(Object v, Object a) {
        if (v instanceof Number x && a instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        return v != null && v.equals(a);
    }

    /** -1/0/1, or null when the two are not comparable (absent, or number vs string). */
    public static Integer compare(Object v, Object a) {
        if (v instanceof Number x && a instanceof Number y) return Integer.signum(Double.compare(x.doubleValue(), y.doubleValue()));
        if (v instanceof String x && a instanceof String y) return Integer.signum(x.compareTo(y));
        return null;
    }

    /** A number as double, or NaN when {@code v} is not a number (aggregates skip those). */
    public static double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        return Double.NaN;
    }

    /**
     * A trait or property read as a date, or null when it is none. Accepted, as the tools people
     * migrate from send them: an ISO-8601 instant or offset date-time; a date ({@code 2024-05-01},
     * midnight UTC); a date-time without an offset, with {@code T} or a space ({@code 2024-05-01
     * 10:00:00}, Python's {@code isoformat()} of a naive datetime), read as UTC; and a number, as Unix
     * time in seconds (Customer.io's convention for {@code *_at} attributes), or in milliseconds
     * from 10^11 on (in seconds that would be past the year 5000, so the two never overlap).
     */
    public static Instant instant(Object v) {
        if (v instanceof Instant i) return i;
        if (v instanceof Number n) return epoch(n);
        if (!(v instanceof String s) || s.length() < 10) return null;
        try {
            if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
            return t.isSupported(ChronoField.OFFSET_SECONDS) ? OffsetDateTime.from(t).toInstant()
                    : LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant epoch(Number n) {
        double d = n.doubleValue();
        if (!(d >= 0) || d >= 1e14) return null; // NaN, negative, or too far out to be a time anyone means
        return d >= 1e11 ? Instant.ofEpochMilli((long) d) : Instant.ofEpochMilli(Math.round(d * 1000));
    }

    /**
     * {@code subscribed: email}: the profile has an email trait and {@code consent.email} is absent
     * or {@code subscribed} (the project-wide consent convention).
     */
    public static boolean emailSubscribed(Map<String, Object> traits) {
        Object email = traits.get("email");
        if (!(email instanceof String s) || s.isBlank()) return false;
        Object consent = lookup(traits, "consent.email");
        return consent == null || "subscribed".equals(consent);
    }

    /** A value normalised for equality in {@code same:} and {@code distinct:}: numbers as Double. */
    public static Object normal(Object v) {
        return v instanceof Number n ? (Object) n.doubleValue() : v;
    }

    /** A 64-bit FNV-1a hash of a normalised value, never {@link #ABSENT}; used by the engine's compact state. */
    public static long hash(Object v) {
        Object n = normal(v);
        String s = (n instanceof Double ? "n" : n instanceof String ? "s" : n instanceof Boolean ? "b" : "o") + n;
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h == ABSENT ? h + 1 : h;
    }

    /** The hash standing for "no value". */
    public static final long ABSENT = Long.MIN_VALUE;
}
