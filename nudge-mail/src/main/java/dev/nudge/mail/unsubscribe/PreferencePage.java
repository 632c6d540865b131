package dev.nudge.mail.unsubscribe;

import dev.nudge.core.profile.Profile;
import java.util.List;

/**
 * Renders the preference page behind {@code GET /u/{token}}: unsubscribe from everything, from single
 * topics, or resubscribe. Every form posts back to the same token URL with {@code action} =
 * {@code unsubscribe|resubscribe} and optional {@code topic}. All text is HTML-escaped.
 */
public final class PreferencePage {
    /** A topic people can opt out of separately, e.g. ("newsletter", "Weekly newsletter"). */
    public record Topic(String id, String label) {
    }

    private PreferencePage() {
    }

    /**
     * @param brand who sends the mail, for the heading "{brand} email preferences"; null or blank
     *              gives "Email preferences"
     */
    public static String render(String brand, UnsubscribeClaim claim, Profile profile, List<Topic> topics, String postUrl, String notice) {
        boolean allOff = "unsubscribed".equals(ConsentState.emailStatus(profile));
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>Email preferences</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}")
                .append("form{margin:.5rem 0}button{padding:.4rem .8rem}.n{background:#eef;padding:.5rem}</style></head><body>")
                .append("<h1>").append(brand == null || brand.isBlank() ? "Email preferences" : esc(brand.strip()) + " email preferences").append("</h1>")
                .append("<p>For <b>").append(esc(claim.email())).append("</b></p>");
        if (notice != null && !notice.isBlank()) b.append("<p class=\"n\">").append(esc(notice)).append("</p>");
        if (allOff) {
            b.append("<p>You are unsubscribed from all marketing email.</p>");
            b.append(form(postUrl, "resubscribe", null, "Resubscribe"));
        } else {
            b.append(form(postUrl, "unsubscribe", null, "Unsubscribe from all marketing email"));
            if (!topics.isEmpty()) b.append("<h2>Or choose topics</h2>");
            for (Topic t : topics) {
                boolean off = ConsentState.topicUnsubscribed(profile, t.id());
                b.append("<p>").append(esc(t.label())).append(off ? " — unsubscribed" : " — subscribed").append("</p>")
                        .append(form(postUrl, off ? "resubscribe" : "unsubscribe", t.id(), off ? "Resubscribe" : "Unsubscribe"));
            }
        }
        return b.append("</body></html>").toString();
    }

    private static String form(String url, String action, String topic, String label) {
        return "<form method=\"post\" action=\"" + esc(url) + "\"><input type=\"hidden\" name=\"action\" value=\"" + action + "\">"
                + (topic == null ? "" : "<input type=\"hidden\" name=\"topic\" value=\"" + esc(topic) + "\">")
                + "<button type=\"submit\">" + esc(label) + "</button></form>";
    }

    static String esc(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
