package dev.nudge.server.ops;

import dev.nudge.server.auth.Auth;
import dev.nudge.server.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code /health} (the process answers), {@code /ready} ({@link Readiness}: 503 naming the part that
 * is not), {@code /metrics} (Prometheus text, admin token required on this port: the series name
 * segments and reveal traffic) and {@code /api/v1/openapi.json}. Health and readiness stay open:
 * load balancers and orchestrators probe them without credentials, and they reveal nothing.
 */
public final class OpsRoutes {
    /** Prometheus text exposition format 0.0.4, what every Prometheus version scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final Auth auth;
    private final Readiness readiness;
    private final BooleanSupplier started;
    private final OpenApiDocument openApi;

    public OpsRoutes(PrometheusMeterRegistry registry, Auth auth, Readiness readiness, BooleanSupplier started, OpenApiDocument openApi) {
        this.registry = registry;
        this.auth = auth;
        this.readiness = readiness;
        this.started = started;
        this.openApi = openApi;
    }

    public void register(RoutesConfig app) {
        app.get("/health", ctx -> Json.send(ctx, 200, Map.of("status", "ok")));
        app.get("/ready", this::ready);
        app.get("/metrics", ctx -> {
            auth.requireAdmin(ctx);
            scrape(registry, ctx);
        });
        app.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi.json()));
    }

    private void ready(Context ctx) {
        if (!started.getAsBoolean()) {
            Json.send(ctx, 503, Map.of("status", "starting", "error", "the server is starting or stopping; retry in a moment"));
            return;
        }
        Readiness.Report r = readiness.report();
        Json.send(ctx, r.ready() ? 200 : 503, r.body());
    }

    static void scrape(PrometheusMeterRegistry registry, Context ctx) {
        ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape());
    }
}
