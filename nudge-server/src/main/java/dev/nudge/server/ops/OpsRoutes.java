package dev.nudge.server.ops;

import dev.nudge.server.http.Json;
import dev.nudge.store.ingest.IngestWriter;
import io.javalin.config.RoutesConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.function.BooleanSupplier;

/** {@code /health} (the process answers), {@code /ready} (the store is open and writing), {@code /metrics} (Prometheus). */
public final class OpsRoutes {
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier ready;

    public OpsRoutes(PrometheusMeterRegistry registry, IngestWriter writer, BooleanSupplier ready) {
        this.registry = registry;
        this.ready = ready;
        io.micrometer.core.instrument.Gauge.builder("nudge.ingest.queue.depth", writer, IngestWriter::pendingEvents)
                .description("events queued for the writer, not yet durable").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("nudge.store.group.commits", writer, IngestWriter::groupCommits)
                .description("synced group commits").register(registry);
    }

    public void register(RoutesConfig app) {
        app.get("/health", ctx -> Json.send(ctx, 200, Map.of("status", "ok")));
        app.get("/ready", ctx -> {
            boolean ok = ready.getAsBoolean();
            Json.send(ctx, ok ? 200 : 503, Map.of("status", ok ? "ready" : "starting"));
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }
}
