package dev.nudge.server.sdk;

import dev.nudge.server.auth.Auth;
import dev.nudge.server.http.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.concurrent.Semaphore;

/**
 * Puts {@link Cors} in front of every {@code /v1} endpoint: answers preflights, and, before an
 * endpoint runs for a page (a request with {@code Origin}), finds the write key the request names
 * and either adds the CORS headers or refuses with {@code 403}. Requests without {@code Origin} —
 * the server-side and mobile libraries — pass untouched, and their bodies are not looked at here.
 *
 * <p>Headers are added before the endpoint runs, so they are on every answer a page gets, errors
 * included: a page that can read its 400 or 429 stops or waits, where an unreadable answer makes
 * analytics.js retry as if the network had failed.
 */
final class CorsRoutes {
    /**
     * Bodies read here at once to find their key. The ingest endpoints bound the requests they hold
     * in memory (IngestRoutes.MAX_IN_FLIGHT) only once they run; a body read before them is bounded
     * here the same way, so a flood of page requests gets 429 rather than the heap.
     */
    static final int MAX_BODY_PEEKS = 256;

    private final Cors cors;
    private final Semaphore peeks = new Semaphore(MAX_BODY_PEEKS);

    CorsRoutes(Cors cors) {
        this.cors = cors;
    }

    void register(RoutesConfig routes) {
        routes.options("/v1/*", this::preflight);
        routes.beforeMatched("/v1/*", this::beforeEndpoint);
    }

    private void preflight(Context ctx) {
        Cors.Decision d = cors.preflight(ctx.header("Origin"), ctx.header("Access-Control-Request-Method"),
                ctx.header("Access-Control-Request-Headers"));
        if (d.refused()) throw new ApiError(403, d.refusal());
        d.headers().forEach(ctx::header);
        ctx.header("Allow", "POST, GET, OPTIONS");
        ctx.status(204);
    }

    private void beforeEndpoint(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || ctx.method() == HandlerType.OPTIONS) return;
        Cors.Decision d = cors.request(origin, writeKey(ctx));
        if (d.refused()) throw new ApiError(403, d.refusal());
        d.headers().forEach(ctx::header);
    }

    /** The key a request names: the Basic user, else the settings path's key, else the body's {@code writeKey}. */
    private String writeKey(Context ctx) {
        String key;
        try {
            key = Auth.basicUser(ctx);
        } catch (ApiError malformedHeader) {
            key = null; // the endpoint answers the malformed header itself
        }
        if (key != null) return key;
        if (ctx.pathParamMap().containsKey(SettingsRoutes.KEY_PARAM)) return ctx.pathParam(SettingsRoutes.KEY_PARAM);
        if (ctx.method() != HandlerType.POST) return null;
        if (!peeks.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new ApiError(429, "too many requests in flight; retry after a second");
        }
        try {
            return BodyWriteKey.of(ctx.bodyAsBytes(), ctx.header("Content-Encoding")); // Javalin keeps the bytes for the endpoint
        } finally {
            peeks.release();
        }
    }
}
