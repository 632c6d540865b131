package dev.nudge.mail.tracking;

import dev.nudge.mail.TokenSigner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites every trackable {@code <a href>} to {@code {baseUrl}/t/c/{token}} and adds the open pixel
 * {@code {baseUrl}/t/o/{token}} before {@code </body>}.
 *
 * <p>The click token signs only (message id, link index); the destination stays in the stored
 * message, so a token cannot be edited into a redirect elsewhere. Links not rewritten: non-http(s)
 * schemes (mailto, tel, ...), in-page anchors, links already under {@code baseUrl} (unsubscribe and
 * preference pages, whose token must reach the server unchanged) and anchors marked
 * {@code data-nudge-track="false"}.
 */
public final class LinkRewriter {
    private static final Pattern ANCHOR = Pattern.compile("(?is)<a\\b[^>]*>");
    private static final Pattern HREF = Pattern.compile("(?is)(\\shref\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

    private final TokenSigner signer;
    private final String baseUrl;

    public LinkRewriter(TokenSigner signer, String baseUrl) {
        this.signer = signer;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public TrackedHtml rewrite(String messageId, String html, boolean openPixel) {
        List<String> links = new ArrayList<>();
        StringBuilder out = new StringBuilder(html.length() + 256);
        Matcher a = ANCHOR.matcher(html);
        while (a.find()) {
            String tag = a.group();
            Matcher h = HREF.matcher(tag);
            String replaced = tag;
            if (h.find() && !tag.toLowerCase(Locale.ROOT).contains("data-nudge-track=\"false\"")) {
                String raw = h.group(3) != null ? h.group(3) : h.group(4);
                String url = unescape(raw.strip());
                if (trackable(url)) {
                    String token = TrackingTokens.click(signer, messageId, links.size());
                    links.add(url);
                    replaced = tag.substring(0, h.start()) + h.group(1) + "\"" + baseUrl + "/t/c/" + token + "\"" + tag.substring(h.end());
                }
            }
            a.appendReplacement(out, Matcher.quoteReplacement(replaced));
        }
        a.appendTail(out);
        String result = out.toString();
        if (openPixel) result = addPixel(result, baseUrl + "/t/o/" + TrackingTokens.open(signer, messageId));
        return new TrackedHtml(result, links);
    }

    private boolean trackable(String url) {
        String l = url.toLowerCase(Locale.ROOT);
        return (l.startsWith("http://") || l.startsWith("https://")) && !url.startsWith(baseUrl + "/");
    }

    private static String addPixel(String html, String src) {
        String img = "<img src=\"" + src + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;width:1px;height:1px\">";
        Matcher m = BODY_END.matcher(html);
        int at = -1;
        while (m.find()) at = m.start();
        return at < 0 ? html + img : html.substring(0, at) + img + html.substring(at);
    }

    static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&#38;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    }
}
