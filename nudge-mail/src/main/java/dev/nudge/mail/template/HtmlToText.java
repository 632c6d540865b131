package dev.nudge.mail.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates the text/plain alternative from the HTML part.
 *
 * <p>Rules: head, style and script are dropped; a link becomes {@code text (url)} (just the url when
 * the text is the url); images become their alt text; block ends (p, div, tr, h1-6, li, br) become
 * line breaks and list items get a "- " bullet; entities are decoded; runs of blank lines collapse
 * to one. Not a full HTML parser: email HTML is simple and the output only has to read well.
 */
public final class HtmlToText {
    private static final Pattern DROP = Pattern.compile("(?is)<(head|style|script|title)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*(\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>");
    private static final Pattern IMG = Pattern.compile("(?is)<img\\b[^>]*?alt\\s*=\\s*(\"([^\"]*)\"|'([^']*)')[^>]*>");
    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern BLOCK_END = Pattern.compile("(?i)</(p|div|tr|h[1-6]|table|ul|ol|blockquote)\\s*>");
    private static final Pattern LI = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");

    private HtmlToText() {
    }

    public static String convert(String html) {
        String s = DROP.matcher(html).replaceAll("");
        s = replaceLinks(s);
        s = IMG.matcher(s).replaceAll(m -> Matcher.quoteReplacement(attr(m)));
        s = s.replaceAll("\\s+", " ");
        s = BR.matcher(s).replaceAll("\n");
        s = LI.matcher(s).replaceAll("\n- ");
        s = BLOCK_END.matcher(s).replaceAll("\n\n");
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        StringBuilder out = new StringBuilder();
        int blank = 0;
        for (String line : s.split("\n", -1)) {
            String t = line.strip();
            if (t.isEmpty()) {
                blank++;
                continue;
            }
            if (out.length() > 0) out.append(blank > 0 ? "\n\n" : "\n");
            out.append(t);
            blank = 0;
        }
        return out.append('\n').toString();
    }

    private static String replaceLinks(String s) {
        return LINK.matcher(s).replaceAll(m -> {
            String url = attr(m);
            String text = TAG.matcher(m.group(4)).replaceAll("").replaceAll("\\s+", " ").strip();
            String alt = text.isEmpty() ? imgAlt(m.group(4)) : text;
            String out = alt.isEmpty() || decode(alt).equals(decode(url)) ? url : alt + " (" + url + ")";
            return Matcher.quoteReplacement(out); // still entity-encoded: decoded once with the rest
        });
    }

    private static String imgAlt(String inner) {
        Matcher m = IMG.matcher(inner);
        return m.find() ? attr(m) : "";
    }

    private static String attr(java.util.regex.MatchResult m) {
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    private static int codePoint(String e) {
        try {
            if (e.startsWith("#x")) return Integer.parseInt(e.substring(2), 16);
            if (e.startsWith("#")) return Integer.parseInt(e.substring(1));
        } catch (NumberFormatException ex) {
            return -1;
        }
        return 0;
    }

    static String decode(String s) {
        return ENTITY.matcher(s).replaceAll(m -> {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                case "copy" -> "©";
                case "mdash" -> "—";
                case "ndash" -> "–";
                case "hellip" -> "…";
                case "rsquo" -> "’";
                case "lsquo" -> "‘";
                default -> {
                    if (!Character.isValidCodePoint(codePoint(e))) yield m.group();
                    if (e.startsWith("#x")) yield new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
                    if (e.startsWith("#")) yield new String(Character.toChars(Integer.parseInt(e.substring(1))));
                    yield m.group();
                }
            };
            return Matcher.quoteReplacement(r);
        });
    }
}
