package dev.nudge.server.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Client-supplied text made safe to keep: bounded in size and valid UTF-8 (a lone surrogate becomes '?'). */
final class Text {
    private Text() {}

    /** {@code s} as valid UTF-8, cut to at most {@code maxChars} characters. */
    static String cut(String s, int maxChars) {
        return clean(s.length() > maxChars ? s.substring(0, maxChars) : s);
    }

    static String clean(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** The first at most {@code maxBytes} bytes of {@code s} in UTF-8, never splitting a character. */
    static byte[] utf8Prefix(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) return b;
        int cut = maxBytes;
        while (cut > 0 && (b[cut] & 0xC0) == 0x80) cut--; // b[cut] would be a continuation byte: back up to its lead
        return Arrays.copyOf(b, cut);
    }
}
