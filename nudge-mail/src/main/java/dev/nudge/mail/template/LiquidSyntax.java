package dev.nudge.mail.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the Liquid 5 tags Liqp 0.9.1 cannot parse into equivalent older syntax, before parsing:
 *
 * <ul>
 *   <li>{@code {% echo expr | filter %}} → {@code {{ expr | filter }}} (Liquid defines echo as exactly that);</li>
 *   <li>{@code {% liquid ... %}}: one tag per line, no delimiters → each line becomes its own
 *       {@code {% line %}} ({@code echo x} lines become {@code {{ x }}}, {@code # ...} lines vanish);</li>
 *   <li>{@code {% # comment %}} (inline comment) → nothing.</li>
 * </ul>
 *
 * <p>Invariant: the rewritten text has exactly the line breaks of the original at the same lines,
 * so a parse or render error in the rewritten text names the line of the file. The generated tags
 * for one {@code liquid} tag are written back to back with the original line breaks inside their
 * delimiters (whitespace there is insignificant), so they output nothing between them, and the
 * outer whitespace-control dashes ({@code {%-}, {@code -%}}) of the original tag are kept on the
 * outermost pieces. {@code raw} and {@code comment} blocks and {@code {{ }}} outputs are copied
 * untouched, and a tag end inside a quoted string does not end the tag. Text that does not form a
 * complete tag is left as it is for the parser to report.
 */
final class LiquidSyntax {
    private static final Pattern TAG_WORD = Pattern.compile("\\{%(-?)\\s*(#|[A-Za-z_]\\w*)");

    private LiquidSyntax() {
    }

    static String desugar(String src) {
        if (src.indexOf("{%") < 0) return src;
        StringBuilder out = new StringBuilder(src.length() + 32);
        int i = 0;
        int n = src.length();
        while (i < n) {
            int tag = src.indexOf("{%", i);
            int output = src.indexOf("{{", i);
            if (tag < 0) break;
            if (output >= 0 && output < tag) { // copy an output whole: a "{%" inside its strings is not a tag
                int end = tagEnd(src, output + 2, "}}");
                if (end < 0) break;
                out.append(src, i, end);
                i = end;
                continue;
            }
            out.append(src, i, tag);
            Matcher m = TAG_WORD.matcher(src).region(tag, n);
            if (!m.lookingAt()) {
                out.append("{%");
                i = tag + 2;
                continue;
            }
            String word = m.group(2);
            int end = tagEnd(src, m.end(), "%}");
            if (end < 0) {
                out.append(src, tag, n);
                return out.toString();
            }
            boolean leftDash = !m.group(1).isEmpty();
            boolean rightDash = src.charAt(end - 3) == '-' && end - 3 >= m.end();
            String inner = src.substring(m.end(), rightDash ? end - 3 : end - 2);
            switch (word) {
                case "raw", "comment" -> {
                    int close = closing(src, end, "end" + word);
                    out.append(src, tag, close);
                    i = close;
                }
                case "echo" -> {
                    out.append("{{").append(leftDash ? "-" : "").append(inner).append(rightDash ? " -" : " ").append("}}");
                    i = end;
                }
                case "#" -> {
                    out.append(newlines(inner));
                    i = end;
                }
                case "liquid" -> {
                    out.append(liquidTag(inner, leftDash, rightDash));
                    i = end;
                }
                default -> {
                    out.append(src, tag, end);
                    i = end;
                }
            }
        }
        return out.append(src, i, n).toString();
    }

    /** The body lines of a {@code {% liquid %}} tag as back-to-back tags (see the class comment). */
    private static String liquidTag(String body, boolean leftDash, boolean rightDash) {
        String[] lines = body.split("\n", -1);
        StringBuilder out = new StringBuilder(body.length() + lines.length * 8);
        StringBuilder pending = new StringBuilder(); // line breaks not yet placed inside a tag
        boolean first = true;
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) pending.append('\n');
            String line = lines[l].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            boolean echo = line.equals("echo") || line.startsWith("echo ") || line.startsWith("echo\t");
            String dash = first && leftDash ? "-" : "";
            if (echo) out.append("{{").append(dash).append(pending).append(' ').append(line.substring(4).strip()).append(" }}");
            else out.append("{%").append(dash).append(pending).append(' ').append(line).append(" %}");
            pending.setLength(0);
            first = false;
        }
        String rd = rightDash ? "-" : "";
        if (first) { // no statement at all: output nothing, keep the lines
            return "{%" + (leftDash ? "-" : "") + " comment %}" + pending + "{% endcomment " + rd + "%}";
        }
        if (pending.isEmpty() && !rightDash) return out.toString();
        // the remaining line breaks (and the closing dash) go into the last tag, before its end
        int close = out.length() - 2;
        out.insert(close, pending + rd);
        return out.toString();
    }

    /** Index just past the first {@code close} at or after {@code from} outside quotes, or -1. */
    private static int tagEnd(String s, int from, String close) {
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (s.startsWith(close, i)) {
                return i + close.length();
            }
        }
        return -1;
    }

    /** Index just past the {@code {% endNAME %}} closing a raw or comment block, or the end of the text. */
    private static int closing(String s, int from, String endWord) {
        Matcher m = Pattern.compile("\\{%-?\\s*" + endWord + "\\s*-?%}").matcher(s);
        return m.find(from) ? m.end() : s.length();
    }

    private static String newlines(String s) {
        return "\n".repeat((int) s.chars().filter(c -> c == '\n').count());
    }
}
