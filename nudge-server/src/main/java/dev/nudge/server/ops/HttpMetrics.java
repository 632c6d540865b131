package dev.nudge.server.ops;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * {@code http_server_requests_seconds{method, route, status}}: every answered request, from
 * Javalin's request logger. {@code route} is the path template the request matched
 * ({@code /api/v1/profiles/{id}}), never the raw path: raw paths carry ids and tokens, and one
 * series per id would grow without bound. A request no route matched (404s, scans) is
 * {@code route="unmatched"}; one refused by a filter before its route ran (401 on {@code /api/*})
 * is {@code route="filtered"}. Buckets are the SLO boundaries only ({@link Metrics#coarseLatency}):
 * this timer has one series set per route, method and status.
 */
public final class HttpMetrics {
    private final MeterRegistry registry;

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For {@code cfg.requestLogger.http(...)}. */
    public void record(Context ctx, float millis) {
        Timer.Builder b = Metrics.coarseLatency("http.server.requests", "HTTP requests, by method, route template and status")
                .tag("method", ctx.method().name()).tag("route", route(ctx)).tag("status", Integer.toString(ctx.statusCode()));
        b.register(registry).record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    static String route(Context ctx) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        if (matched != null) return matched.path;
        return ctx.statusCode() == 404 ? "unmatched" : "filtered";
    }
}
