package dev.nudge.server.ops;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code --metrics-port}: {@code GET /metrics} alone on its own port, without the admin token, for
 * a Prometheus that reaches the node on a private interface. Nothing else is served there, so the
 * port can be opened to the monitoring network without opening the API.
 */
public final class MetricsListener implements AutoCloseable {
    private final Javalin app;

    private MetricsListener(Javalin app) {
        this.app = app;
    }

    public static MetricsListener start(PrometheusMeterRegistry registry, String host, int port) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.routes.get("/metrics", ctx -> OpsRoutes.scrape(registry, ctx));
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot listen for metrics on " + host + ":" + port + " (" + e.getMessage()
                    + "); make sure no other process uses that port, or pass another --metrics-port", e);
        }
        return new MetricsListener(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
