package dev.nudge.core.event;

import java.nio.charset.StandardCharsets;

/**
 * Reads the condition name from the head of an event as {@link EventJson#toBytes} lays it out —
 * {@code {"messageId":"…","type":"…"[,"userId":"…"][,"anonymousId":"…"][,"event":"…"]} — with no
 * parser at all. Answers null for anything else (another layout, an escape in a value it must
 * return), and the caller then parses: a wrong answer is never given, only a slower one.
 */
final class Head {
    private static final byte[] MESSAGE_ID = ascii("{\"messageId\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] USER_ID = ascii(",\"userId\":");
    private static final byte[] ANONYMOUS_ID = ascii(",\"anonymousId\":");
    private static final byte[] EVENT = ascii(",\"event\":");

    private Head() {
    }

    static String conditionName(byte[] b) {
        int i = expect(b, 0, MESSAGE_ID);
        if (i < 0 || (i = skipString(b, i)) < 0) return null;
        if ((i = expect(b, i, TYPE)) < 0) return null;
        int typeEnd = skipString(b, i);
        if (typeEnd < 0) return null;
        String type = plain(b, i, typeEnd);
        if (type == null) return null;
        if (!type.equals("track")) return type;
        i = typeEnd;
        int at;
        if ((at = expect(b, i, USER_ID)) >= 0 && (i = skipString(b, at)) < 0) return null;
        if ((at = expect(b, i, ANONYMOUS_ID)) >= 0 && (i = skipString(b, at)) < 0) return null;
        if ((i = expect(b, i, EVENT)) < 0) return null;
        int end = skipString(b, i);
        return end < 0 ? null : plain(b, i, end);
    }

    /** The index after {@code token} when the bytes at {@code i} are exactly it, else -1. */
    private static int expect(byte[] b, int i, byte[] token) {
        if (i + token.length > b.length) return -1;
        for (int j = 0; j < token.length; j++) if (b[i + j] != token[j]) return -1;
        return i + token.length;
    }

    /** The index after the JSON string starting at {@code i} (its opening quote), else -1. */
    private static int skipString(byte[] b, int i) {
        if (i >= b.length || b[i] != '"') return -1;
        for (int k = i + 1; k < b.length; k++) {
            if (b[k] == '\\') k++;
            else if (b[k] == '"') return k + 1;
        }
        return -1;
    }

    /** The string between the quotes of {@code b[from, to)}; null when it holds an escape. */
    private static String plain(byte[] b, int from, int to) {
        for (int k = from + 1; k < to - 1; k++) if (b[k] == '\\') return null;
        return new String(b, from + 1, to - from - 2, StandardCharsets.UTF_8);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
