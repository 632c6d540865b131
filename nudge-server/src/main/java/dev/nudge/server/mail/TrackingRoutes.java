package dev.nudge.server.mail;

import dev.nudge.mail.tracking.Hit;
import dev.nudge.mail.tracking.TrackingOutcome;
import dev.nudge.mail.tracking.TrackingService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /t/c/{token}}: 302 to the link stored with the message, or a 404 page — never a redirect to
 * anything the request names. {@code /t/o/{token}}: the 1×1 GIF, always (a bad token must not give a
 * broken image). HEAD on either is answered too and recorded as a machine hit ({@code head_request}). Events go to the bounded {@link EventPump}, so the answer never waits for ingest.
 */
final class TrackingRoutes {
    private final MailModule mail;

    TrackingRoutes(MailModule mail) {
        this.mail = mail;
    }

    void register(RoutesConfig app) {
        app.get("/t/c/{token}", this::click);
        app.head("/t/c/{token}", this::click);
        app.get("/t/o/{token}", this::open);
        // a HEAD is a link checker or scanner probing, never a person viewing: recorded as a machine
        // open (machine_reason head_request, docs/email.md), answered like GET without the body
        app.head("/t/o/{token}", this::open);
    }

    private Hit hit(Context ctx) {
        return new Hit(ctx.pathParam("token"), ctx.method().name(), ctx.userAgent(), ctx.ip(), mail.clock.instant());
    }

    private void click(Context ctx) {
        switch (mail.tracking.click(hit(ctx))) {
            case TrackingOutcome.Redirect r -> {
                mail.events.accept(r.event());
                ctx.header("Cache-Control", "no-store").redirect(r.url(), io.javalin.http.HttpStatus.FOUND);
            }
            case TrackingOutcome.Refused r -> ctx.status(404).contentType("text/html; charset=utf-8")
                    .result("<!doctype html><title>Link not found</title><h1>This link is not valid</h1>"
                            + "<p>It may have been changed or copied incompletely. Open the link from the original email again.</p>");
            case TrackingOutcome.Pixel p -> throw new IllegalStateException("click answered with a pixel");
        }
    }

    private void open(Context ctx) {
        if (mail.tracking.open(hit(ctx)) instanceof TrackingOutcome.Pixel p) mail.events.accept(p.event());
        ctx.header("Cache-Control", "no-store, no-cache, must-revalidate").contentType("image/gif").result(TrackingService.PIXEL_GIF);
    }
}
