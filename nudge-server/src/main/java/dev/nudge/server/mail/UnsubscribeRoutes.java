package dev.nudge.server.mail;

import dev.nudge.mail.unsubscribe.ConsentChange;
import dev.nudge.mail.unsubscribe.ConsentResult;
import dev.nudge.mail.unsubscribe.PreferencePage;
import dev.nudge.mail.unsubscribe.UnsubscribeClaim;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /u/{token}} with body {@code List-Unsubscribe=One-Click} (RFC 8058): unsubscribes at
 * once, no login, no confirmation. {@code GET /u/{token}}: the preference page; its form posts
 * {@code action=unsubscribe|resubscribe} and an optional {@code topic} to the same URL. The token
 * names the person, so nothing in the request can redirect the change to someone else. Consent
 * events are ingested before answering (the segment {@code subscribed: email} must follow), after the
 * suppression and consent-log entries are durable.
 */
final class UnsubscribeRoutes {
    private final MailModule mail;
    private final List<PreferencePage.Topic> topics;
    /** The sender's name for the page heading ("Shop email preferences"), from the default From; null when it has none. */
    private final String brand;

    UnsubscribeRoutes(MailModule mail) {
        this.mail = mail;
        this.topics = topics(mail.config.env().getOrDefault("NUDGE_MAIL_TOPICS", ""));
        this.brand = displayName(mail.config.defaultFrom());
    }

    static String displayName(String from) {
        try {
            String name = new jakarta.mail.internet.InternetAddress(from).getPersonal();
            return name == null || name.isBlank() ? null : name.strip();
        } catch (jakarta.mail.internet.AddressException e) {
            return null;
        }
    }

    void register(RoutesConfig app) {
        app.get("/u/{token}", ctx -> page(ctx, null));
        app.post("/u/{token}", this::post);
    }

    private void page(Context ctx, String notice) {
        Optional<UnsubscribeClaim> claim = mail.unsubscribe.verify(ctx.pathParam("token"));
        var profile = claim.flatMap(c -> mail.profiles.find(c.profileId()));
        if (claim.isEmpty() || profile.isEmpty()) {
            ctx.status(404).contentType("text/html; charset=utf-8").result("<!doctype html><title>Not found</title><h1>This link is not valid</h1>"
                    + "<p>Use the unsubscribe link of a recent email, or reply to it and ask to be removed.</p>");
            return;
        }
        ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
                .result(PreferencePage.render(brand, claim.get(), profile.get(), topics, ctx.path(), notice));
    }

    private void post(Context ctx) {
        String token = ctx.pathParam("token");
        String ip = ctx.ip();
        boolean oneClick = "One-Click".equals(ctx.formParam("List-Unsubscribe"));
        ConsentResult r;
        if (oneClick) {
            r = mail.unsubscribe.oneClick(token, ip, mail.clock.instant());
        } else {
            String action = String.valueOf(ctx.formParam("action"));
            String topic = ctx.formParam("topic");
            ConsentChange.Action a = switch (action) {
                case "unsubscribe" -> ConsentChange.Action.UNSUBSCRIBE;
                case "resubscribe" -> ConsentChange.Action.RESUBSCRIBE;
                default -> null;
            };
            if (a == null) {
                ctx.status(400).result("send List-Unsubscribe=One-Click, or action=unsubscribe|resubscribe (and optionally topic)");
                return;
            }
            r = mail.unsubscribe.apply(token, new ConsentChange(a, topic == null || topic.isBlank() ? null : topic), "preference_page", ip, mail.clock.instant());
        }
        switch (r) {
            case ConsentResult.Refused f -> ctx.status(404).result(f.reason());
            case ConsentResult.Applied a -> {
                mail.ingestNow(a.events());
                if (oneClick) ctx.status(200).contentType("text/plain; charset=utf-8").result("unsubscribed");
                else page(ctx, "Saved. Your preferences are updated.");
            }
            case ConsentResult.Unchanged u -> { // a repeated POST: same answer, nothing recorded twice
                if (oneClick) ctx.status(200).contentType("text/plain; charset=utf-8").result("unsubscribed");
                else page(ctx, "Saved. Your preferences are updated.");
            }
        }
    }

    private static List<PreferencePage.Topic> topics(String spec) {
        List<PreferencePage.Topic> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) continue;
            int c = part.indexOf(':');
            out.add(new PreferencePage.Topic(c < 0 ? part.trim() : part.substring(0, c).trim(), c < 0 ? part.trim() : part.substring(c + 1).trim()));
        }
        return out;
    }
}
