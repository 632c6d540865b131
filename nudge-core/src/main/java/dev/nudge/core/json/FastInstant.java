package dev.nudge.core.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 date-times as Segment clients send them ({@code 2024-05-01T12:00:00.123Z},
 * {@code ...+02:00}), parsed without java.time's formatter machinery, which dominated the cost of
 * validating a batch. Anything outside the common shape falls back to {@link OffsetDateTime#parse},
 * so the accepted language is exactly java.time's.
 */
public final class FastInstant {
    private FastInstant() {}

    public static Instant parse(String s) {
        Instant fast = tryFast(s);
        if (fast != null) return fast;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.parse(s);
        }
    }

    /** Exactly {@link Instant#toString()} for years 0000–9999, without the formatter; other years delegate to it. */
    public static String format(Instant t) {
        long secs = t.getEpochSecond();
        long days = Math.floorDiv(secs, 86400);
        int sod = (int) Math.floorMod(secs, 86400);
        // civil-from-days (H. Hinnant), exact for the proleptic Gregorian calendar
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) y++;
        if (y < 0 || y > 9999) return t.toString();
        char[] c = new char[30];
        int i = 0;
        i = put(c, i, (int) y, 4); c[i++] = '-';
        i = put(c, i, m, 2); c[i++] = '-';
        i = put(c, i, d, 2); c[i++] = 'T';
        i = put(c, i, sod / 3600, 2); c[i++] = ':';
        i = put(c, i, sod / 60 % 60, 2); c[i++] = ':';
        i = put(c, i, sod % 60, 2);
        int nanos = t.getNano();
        if (nanos > 0) {
            c[i++] = '.';
            if (nanos % 1_000_000 == 0) i = put(c, i, nanos / 1_000_000, 3);
            else if (nanos % 1000 == 0) i = put(c, i, nanos / 1000, 6);
            else i = put(c, i, nanos, 9);
        }
        c[i++] = 'Z';
        return new String(c, 0, i);
    }

    private static int put(char[] c, int at, int v, int width) {
        for (int k = width - 1; k >= 0; k--) {
            c[at + k] = (char) ('0' + v % 10);
            v /= 10;
        }
        return at + width;
    }

    private static Instant tryFast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
        int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) return null;
        int i = 19, nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(s.charAt(i))) i++;
            int len = i - start;
            if (len == 0 || len > 9) return null;
            nanos = digits(s, start, len);
            for (int k = len; k < 9; k++) nanos *= 10;
        }
        int offsetSeconds;
        if (i == n - 1 && (s.charAt(i) == 'Z' || s.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2), om = digits(s, i + 4, 2);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) return null;
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        if (day > lengthOfMonth(year, month)) return null;
        long epochDay = epochDay(year, month, day);
        long secs = epochDay * 86400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(secs, nanos);
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int lengthOfMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 (the algorithm of java.time.LocalDate.toEpochDay). */
    private static long epochDay(int year, int month, int day) {
        long y = year, m = month, total = 365 * y;
        if (y >= 0) total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        else total -= y / -4 - y / -100 + y / -400;
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            if (!((y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))) total--;
        }
        return total - 719528;
    }
}
