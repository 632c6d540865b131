package dev.nudge.core.segment.lang;

import java.util.Objects;

/**
 * One problem found in a segment definition: where ({@code source:line:col}), what, and what to do.
 * {@link #toString()} prints it CEL-style, with the offending source line and a caret under the
 * column, so a CLI can print issues as they are.
 *
 * @param sourceLine the text of line {@code line}, or "" when unknown
 */
public record Issue(String source, int line, int col, String message, String hint, String sourceLine) {
    public Issue {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
        sourceLine = sourceLine == null ? "" : sourceLine;
        if (line < 0 || col < 0) throw new IllegalArgumentException("line/col must be >= 0, got " + line + ":" + col);
    }

    /** An issue at a position of {@code text}; the source line is cut out of the text. */
    public static Issue at(String source, String text, int line, int col, String message, String hint) {
        return new Issue(source, line, col, message, hint, lineOf(text, line));
    }

    static String lineOf(String text, int line) {
        if (text == null || line < 1) return "";
        String[] lines = text.split("\r?\n", -1);
        return line <= lines.length ? lines[line - 1] : "";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(source).append(':').append(line).append(':').append(col).append(": error: ").append(message);
        if (!sourceLine.isEmpty()) {
            b.append("\n | ").append(sourceLine).append("\n | ");
            for (int i = 1; i < col && i <= sourceLine.length(); i++) b.append(sourceLine.charAt(i - 1) == '\t' ? '\t' : ' ');
            b.append('^');
        }
        if (!hint.isEmpty()) b.append("\n = hint: ").append(hint);
        return b.toString();
    }
}
