package dev.nudge.server.dashboard;

import dev.nudge.server.auth.Credentials;
import dev.nudge.server.mail.MailModule;
import dev.nudge.server.profile.ProfileEraser;
import dev.nudge.server.segment.SegmentDefinitions;
import dev.nudge.server.segment.SegmentRoutes;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentRuntime;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.SameSite;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard (DESIGN.md §12, docs/dashboard.md): server-rendered pages at {@code /}, beside the
 * JSON API under {@code /api/v1/}.
 *
 * <p>How it is kept safe. Login exchanges an admin token, typed into a form, for a session cookie
 * ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over https) naming an in-memory
 * {@link Sessions session}. Every page but the login page needs a live session, else it redirects to
 * {@code /login}. Every POST, the login form's included, must carry the session's CSRF token, as a
 * hidden field or htmx's {@code X-CSRF-Token} header (added by dashboard.js), else 403. Every page is
 * sent with a CSP that allows no inline script or style and no framing. The {@code /api/*} bearer
 * token guard is untouched: the cookie opens only these pages.
 *
 * <p>Templates are jte, compiled to Java at build time ({@code jte-maven-plugin}), so no template
 * compiler runs at run time and a template error fails the build.
 */
public final class Dashboard {
    static final String COOKIE = "nudge_session", LOGIN_COOKIE = "nudge_login";
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
    /** The paths the dashboard serves (HTML pages and assets), so the OpenAPI check, which describes the JSON API, can leave them out. */
    private static final List<String> PREFIXES = List.of("/assets/", "/login", "/logout", "/segments", "/profiles", "/outbox", "/templates", "/broadcasts", "/overview");

    private final Credentials credentials;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final InstantSource clock;
    /** Rendered email HTML waiting to be shown in a preview frame. */
    final PreviewFrames frames = new PreviewFrames();
    final EventRate eventRate;
    private final Assets assets = new Assets();
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final SegmentPages segments;
    private final ProfilePages profiles;
    private final OverviewPages overview;
    private final OutboxPages outbox;
    private final TemplatePages templatePages;
    private final BroadcastPages broadcasts;

    public Dashboard(Credentials credentials, NudgeStore store, SegmentDefinitions definitions, SegmentRuntime runtime,
                     SegmentRoutes segmentApi, ProfileEraser eraser, MailModule mail, MeterRegistry registry, InstantSource clock) {
        this.credentials = credentials;
        this.clock = clock;
        this.sessions = new Sessions(clock);
        this.throttle = new LoginThrottle(clock);
        this.eventRate = new EventRate(clock, () -> OverviewPages.counter(registry, "nudge.events.accepted"));
        eventRate.sample(); // the counter's value at start, so the first minute a page is viewed in has a figure
        this.segments = new SegmentPages(this, store, definitions, runtime, segmentApi, clock);
        this.profiles = new ProfilePages(this, store, eraser);
        this.overview = new OverviewPages(this, store, definitions, registry);
        this.outbox = new OutboxPages(this, mail.catcher());
        this.templatePages = new TemplatePages(this, store, mail);
        this.broadcasts = new BroadcastPages(this, store, definitions, mail, templatePages);
    }

    /** Whether {@code path} is one of the dashboard's (HTML or asset) paths rather than the API's. */
    public static boolean serves(String path) {
        if (path.equals("/")) return true;
        for (String p : PREFIXES) if (path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/")) return true;
        return false;
    }

    public void register(RoutesConfig app) {
        app.get("/assets/*", assets::serve);
        app.get("/login", this::loginPage);
        app.post("/login", this::login);
        app.post("/logout", page(this::logout));
        overview.register(app);
        outbox.register(app);
        segments.register(app);
        profiles.register(app);
        templatePages.register(app);
        broadcasts.register(app);
    }

    /** Wraps a page handler: security headers, a live session (else to /login), the CSRF token on every POST. */
    Handler page(Handler h) {
        return ctx -> {
            headers(ctx);
            Sessions.Session s = sessions.find(ctx.cookie(COOKIE));
            if (s == null) {
                if (ctx.header("HX-Request") != null) ctx.header("HX-Redirect", "/login").status(401);
                else ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            if (ctx.method() == io.javalin.http.HandlerType.POST && !csrfOk(ctx, s.csrf())) {
                refuseCsrf(ctx);
                return;
            }
            ctx.attribute("session", s);
            eventRate.sample(); // every page a person loads is a sample of the events counter (cheap: one counter read)
            h.handle(ctx);
        };
    }

    private static boolean csrfOk(Context ctx, String expected) {
        String given = ctx.header("X-CSRF-Token");
        if (given == null) given = ctx.formParam("csrf");
        return Sessions.same(expected, given);
    }

    private static void refuseCsrf(Context ctx) {
        ctx.status(403).contentType("text/plain; charset=utf-8")
                .result("This form has expired or did not come from this dashboard (missing or wrong CSRF token). Reload the page and try again.");
    }

    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        // a page may replace these (the outbox's message frame is sandboxed and framable by the dashboard)
    }

    Frame frame(Context ctx, String title, String active) {
        Sessions.Session s = ctx.attribute("session");
        return new Frame(title, active, s == null ? null : s.csrf(), assets.css, assets.js, assets.htmx, assets.uplot, assets.uplotCss);
    }

    /** Renders {@code template} with the frame and the named parameters as the response. */
    void render(Context ctx, int status, String template, Frame frame, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("frame", frame);
        StringOutput out = new StringOutput();
        templates.render(template, all, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    private void loginPage(Context ctx) {
        headers(ctx);
        if (sessions.find(ctx.cookie(COOKIE)) != null) {
            ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        showLogin(ctx, 200, null);
    }

    /** The login form's CSRF token is a double-submit pair: a short-lived cookie and the same value in the form. */
    private void showLogin(Context ctx, int status, String error) {
        String token = Sessions.randomToken();
        ctx.cookie(cookie(ctx, LOGIN_COOKIE, token, 600));
        render(ctx, status, "login.jte", new Frame("Log in", "login", null, assets.css, assets.js, assets.htmx, assets.uplot, assets.uplotCss),
                Map.of("loginToken", token, "error", error == null ? "" : error));
    }

    private void login(Context ctx) {
        headers(ctx);
        if (!Sessions.same(ctx.cookie(LOGIN_COOKIE), ctx.formParam("csrf"))) {
            refuseCsrf(ctx);
            return;
        }
        String address = ctx.ip(); // through ClientAddress (the server's contextResolver.ip): proxies' headers only when trusted
        Duration wait = throttle.retryAfter(address);
        if (!wait.isZero() && !wait.isNegative()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            showLogin(ctx, 429, "Too many failed logins from your address (" + LoginThrottle.MAX_FAILURES + " within a minute). Try again in "
                    + seconds + " second" + (seconds == 1 ? "" : "s") + " (after " + Text.time(clock.instant().plusSeconds(seconds)) + ").");
            return;
        }
        String token = ctx.formParam("token");
        if (token == null || !credentials.isAdminToken(token.strip())) {
            throttle.failed(address);
            // the same answer for a write key, a revoked token or a typo: a wrong guess learns nothing
            showLogin(ctx, 401, "That is not a valid admin token. Create one with `nudge keys create --admin`, or use NUDGE_ADMIN_TOKEN.");
            return;
        }
        throttle.succeeded(address);
        Sessions.Session s = sessions.create();
        ctx.removeCookie(LOGIN_COOKIE, "/");
        ctx.cookie(cookie(ctx, COOKIE, s.id(), -1));
        ctx.redirect("/", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        sessions.end(ctx.cookie(COOKIE));
        Cookie gone = cookie(ctx, COOKIE, "", 0);
        ctx.cookie(gone);
        ctx.redirect("/login", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static Cookie cookie(Context ctx, String name, String value, int maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return new Cookie(name, value, "/", maxAge, https, true, null, SameSite.STRICT);
    }
}
