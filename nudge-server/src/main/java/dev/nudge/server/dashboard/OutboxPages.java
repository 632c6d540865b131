package dev.nudge.server.dashboard;

import dev.nudge.mail.OutgoingMessage;
import dev.nudge.mail.catcher.CaughtMessage;
import dev.nudge.mail.catcher.MailCatcher;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The mail catcher's outbox (when no SMTP host is set, messages stay here instead of leaving): the
 * list, newest first as the catcher pages it, and one message with its headers, text part and HTML.
 *
 * <p>The HTML is shown in a frame from its own URL, whose CSP sandboxes it (no script, no forms, no
 * same-origin access) and loads no remote image: a tracking pixel fetched from the dashboard would
 * record an open that no recipient made.
 */
final class OutboxPages {
    static final String MESSAGE_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";
    static final int PER_PAGE = 50;

    private final Dashboard dashboard;
    private final MailCatcher catcher;

    OutboxPages(Dashboard dashboard, MailCatcher catcher) {
        this.dashboard = dashboard;
        this.catcher = catcher;
    }

    void register(RoutesConfig app) {
        app.get("/outbox", dashboard.page(this::list));
        app.get("/outbox/{id}", dashboard.page(this::message));
        app.get("/outbox/{id}/html", dashboard.page(this::html));
    }

    private static Views.MailRow row(CaughtMessage c) {
        OutgoingMessage m = c.message();
        return new Views.MailRow(m.messageId(), m.to(), m.subject(), m.kind().name().toLowerCase(Locale.ROOT), Text.time(c.caughtAt()));
    }

    private void list(Context ctx) {
        List<Views.MailRow> rows = List.of();
        String next = "";
        if (catcher != null) {
            MailCatcher.Page page;
            try {
                page = catcher.list(ctx.queryParam("cursor"), PER_PAGE);
            } catch (IllegalArgumentException e) {
                page = catcher.list(null, PER_PAGE); // a stale or mangled cursor starts over
            }
            rows = page.items().stream().map(OutboxPages::row).toList();
            next = page.nextCursor() == null ? "" : page.nextCursor();
        }
        dashboard.render(ctx, 200, "outbox.jte", dashboard.frame(ctx, "Outbox", "outbox"),
                Map.of("catching", catcher != null, "rows", rows, "next", next));
    }

    private Optional<CaughtMessage> find(Context ctx) {
        return catcher == null ? Optional.empty() : catcher.find(ctx.pathParam("id"));
    }

    private void message(Context ctx) {
        Optional<CaughtMessage> found = find(ctx);
        if (found.isEmpty()) {
            dashboard.render(ctx, 404, "notice.jte", dashboard.frame(ctx, "Not found", "outbox"),
                    Map.of("message", "The mail catcher holds no message with the id \"" + ctx.pathParam("id") + "\" (it keeps the latest 10,000).", "back", "/outbox"));
            return;
        }
        OutgoingMessage m = found.get().message();
        List<Views.Trait> headers = new java.util.ArrayList<>();
        headers.add(new Views.Trait("From", m.from()));
        headers.add(new Views.Trait("To", m.to()));
        if (m.replyTo() != null) headers.add(new Views.Trait("Reply-To", m.replyTo()));
        if (m.headers() != null) m.headers().forEach((k, v) -> headers.add(new Views.Trait(k, v)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("row", row(found.get()));
        p.put("headers", headers);
        p.put("text", m.text() == null ? "" : m.text());
        p.put("hasHtml", m.html() != null && !m.html().isBlank());
        dashboard.render(ctx, 200, "message.jte", dashboard.frame(ctx, m.subject(), "outbox"), p);
    }

    private void html(Context ctx) {
        Optional<CaughtMessage> found = find(ctx);
        if (found.isEmpty() || found.get().message().html() == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such message");
            return;
        }
        ctx.header("Content-Security-Policy", MESSAGE_CSP);
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.contentType("text/html; charset=utf-8").result(found.get().message().html());
    }
}
