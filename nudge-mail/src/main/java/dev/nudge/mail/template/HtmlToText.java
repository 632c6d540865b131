package dev.nudge.mail.template;

import java.util.Locale;
import org.jsoup.parser.Parser;

/**
 * Generates the text/plain alternative from the HTML part, in one pass over the characters (it runs
 * once per message on the send path, so no regular expressions).
 *
 * <p>Rules: head, style, script and title content and comments are dropped; a link becomes
 * {@code text (url)} (just the url when the text is the url, the image's alt text when the link
 * wraps an image); images outside links become their alt text; block ends (p, div, tr, table, ul,
 * ol, h1-6, blockquote) become a blank line, br a line break, li a "- " bullet; whitespace runs
 * collapse to one space; character references are decoded (jsoup's HTML5 tables); lines are trimmed and runs of blank lines collapse
 * to one. Not a full HTML parser: email HTML is simple and the output only has to read well.
 */
public final class HtmlToText {
    private HtmlToText() {
    }

    public static String convert(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        StringBuilder link = null; // text inside the current <a>, or null outside links
        String href = null;
        String linkImgAlt = null;
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                StringBuilder target = link != null ? link : out;
                if (Character.isWhitespace(c)) {
                    if (target.length() > 0 && target.charAt(target.length() - 1) != ' ' && target.charAt(target.length() - 1) != '\n') target.append(' ');
                } else {
                    target.append(c);
                }
                i++;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            int close = html.indexOf('>', i);
            if (close < 0) break;
            String tag = html.substring(i + 1, close);
            i = close + 1;
            boolean end = tag.startsWith("/");
            String name = tagName(tag, end ? 1 : 0);
            switch (name) {
                case "head", "style", "script", "title" -> {
                    if (!end) {
                        int e = indexOfIgnoreCase(html, "</" + name, i);
                        int gt = e < 0 ? -1 : html.indexOf('>', e);
                        i = gt < 0 ? n : gt + 1;
                    }
                }
                case "a" -> {
                    if (!end) {
                        href = attr(tag, "href");
                        link = new StringBuilder();
                        linkImgAlt = null;
                    } else if (link != null) {
                        String text = link.toString().strip();
                        if (text.isEmpty() && linkImgAlt != null) text = linkImgAlt;
                        String url = href == null ? "" : href;
                        String d = decode(text);
                        if (url.isEmpty()) out.append(text);
                        else if (d.isEmpty() || d.equals(decode(url))) out.append(url);
                        else out.append(text).append(" (").append(url).append(')');
                        link = null;
                        href = null;
                    }
                }
                case "img" -> {
                    String alt = attr(tag, "alt");
                    if (alt != null && !alt.isEmpty()) {
                        if (link != null) linkImgAlt = alt; else out.append(alt);
                    }
                }
                case "br" -> (link != null ? link : out).append('\n');
                case "li" -> {
                    if (!end) out.append("\n- ");
                }
                case "p", "div", "tr", "table", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    if (end) out.append("\n\n");
                }
                default -> {
                    // other tags carry no text structure
                }
            }
        }
        if (link != null) out.append(link);
        return tidy(decode(out.toString()));
    }

    private static String tagName(String tag, int from) {
        int j = from;
        while (j < tag.length() && (Character.isLetterOrDigit(tag.charAt(j)))) j++;
        return tag.substring(from, j).toLowerCase(Locale.ROOT);
    }

    /** The value of attribute {@code name} in a tag's text (quoted or bare), or null. */
    static String attr(String tag, String name) {
        int len = tag.length();
        int i = 0;
        while (true) {
            int at = indexOfIgnoreCase(tag, name, i);
            if (at < 0) return null;
            i = at + name.length();
            if (at > 0 && !Character.isWhitespace(tag.charAt(at - 1))) continue;
            int j = i;
            while (j < len && Character.isWhitespace(tag.charAt(j))) j++;
            if (j >= len || tag.charAt(j) != '=') continue;
            j++;
            while (j < len && Character.isWhitespace(tag.charAt(j))) j++;
            if (j >= len) return "";
            char q = tag.charAt(j);
            if (q == '"' || q == '\'') {
                int e = tag.indexOf(q, j + 1);
                return e < 0 ? tag.substring(j + 1) : tag.substring(j + 1, e);
            }
            int e = j;
            while (e < len && !Character.isWhitespace(tag.charAt(e)) && tag.charAt(e) != '/') e++;
            return tag.substring(j, e);
        }
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        for (int i = Math.max(0, from); i <= s.length() - what.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) return i;
        }
        return -1;
    }

    /** Trims every line and keeps at most one blank line between paragraphs; ends with a newline. */
    private static String tidy(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int blank = 0;
        int start = 0;
        while (start <= s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0) nl = s.length();
            String line = strip(s.substring(start, nl));
            if (line.isEmpty()) {
                blank++;
            } else {
                if (out.length() > 0) out.append(blank > 0 ? "\n\n" : "\n");
                out.append(line);
                blank = 0;
            }
            start = nl + 1;
        }
        return out.append('\n').toString();
    }

    /** Trims whitespace and no-break spaces (a line of &nbsp; padding is a blank line, not text). */
    private static String strip(String line) {
        int a = 0;
        int b = line.length();
        while (a < b && (Character.isWhitespace(line.charAt(a)) || line.charAt(a) == '\u00A0')) a++;
        while (b > a && (Character.isWhitespace(line.charAt(b - 1)) || line.charAt(b - 1) == '\u00A0')) b--;
        return line.substring(a, b);
    }

    /**
     * Decodes every character reference with jsoup's tables: every HTML5 named character reference
     * ({@code &zwnj;}, {@code &euro;}, {@code &hellip;}, …, the legacy ones without {@code ;}
     * too) and numeric ones ({@code &#x1F600;}). {@code &nbsp;} becomes U+00A0, the character it
     * names; an unknown name stays as written.
     */
    static String decode(String s) {
        return s.indexOf('&') < 0 ? s : Parser.unescapeEntities(s, false);
    }
}
