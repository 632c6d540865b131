package dev.nudge.server;

import dev.nudge.server.auth.Auth;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.dashboard.Dashboard;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.ingest.IngestMetrics;
import dev.nudge.server.ingest.IngestRoutes;
import dev.nudge.server.ingest.IngestService;
import dev.nudge.server.ingest.RejectedLogSize;
import dev.nudge.server.ingest.RejectedRoutes;
import dev.nudge.server.net.ClientAddress;
import dev.nudge.server.ops.EngineMetrics;
import dev.nudge.server.ops.HttpMetrics;
import dev.nudge.server.ops.Metrics;
import dev.nudge.server.ops.MetricsListener;
import dev.nudge.server.ops.OpenApiDocument;
import dev.nudge.server.ops.OpsRoutes;
import dev.nudge.server.ops.Readiness;
import dev.nudge.server.ops.RouteTable;
import dev.nudge.server.ops.SmtpCheck;
import dev.nudge.server.profile.ProfileEraser;
import dev.nudge.server.profile.ProfileRoutes;
import dev.nudge.server.sdk.ClientSupport;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreHook;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.ingest.RejectedLog;
import dev.nudge.server.segment.FolderWatch;
import dev.nudge.server.webhook.AddressGuard;
import dev.nudge.server.webhook.WebhookDispatcher;
import dev.nudge.server.webhook.WebhookRegistry;
import dev.nudge.server.webhook.WebhookRoutes;
import dev.nudge.server.segment.SegmentRoutes;
import dev.nudge.server.segment.TransitionStream;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.TimerService;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import dev.nudge.server.intelligence.Intelligence;
import dev.nudge.server.mail.MailConfig;
import dev.nudge.server.mail.MailModule;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * One Nudge node on the embedded runtime: the RocksDB store, its single writer, and the HTTP API.
 * Built from a {@link Config}; {@link #start()} opens everything, {@link #close()} drains the writer
 * (every queued request is committed) and closes the store.
 */
public final class NudgeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NudgeServer.class);
    /** Env names (and {@code nudge serve --metrics-port / --metrics-host}): a separate, token-free listener for {@code /metrics}. */
    public static final String METRICS_PORT = "NUDGE_METRICS_PORT", METRICS_HOST = "NUDGE_METRICS_HOST";

    /** @param port 0 picks a free port (tests) */
    /**
     * @param segmentsDir a folder of segment YAML files loaded at start and reloaded on change, or null
     * @param timers false leaves timers to the caller ({@link #timers()}{@code .runOnce()}), for tests on a controlled clock
     */
    public record Config(Path dataDir, String host, int port, Map<String, String> env, InstantSource clock, long maxPendingEvents,
                         Path segmentsDir, boolean timers) {
        public Config {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }

        public static Config defaults(Path dataDir, int port) {
            return new Config(dataDir, "127.0.0.1", port, System.getenv(), InstantSource.system(), 200_000, null, true);
        }

        public Config withSegments(Path dir) {
            return new Config(dataDir, host, port, env, clock, maxPendingEvents, dir, timers);
        }

        public Config withClock(InstantSource c, boolean runTimers) {
            return new Config(dataDir, host, port, env, c, maxPendingEvents, segmentsDir, runTimers);
        }
    }

    private final Config config;
    private NudgeRuntime runtime;
    private NudgeStore store;
    private IngestWriter writer;
    private TimerService timers;
    private FolderWatch folderWatch;
    private WebhookDispatcher webhooks;
    private Intelligence intelligence;
    private Javalin app;
    private Credentials credentials;
    private volatile boolean ready;
    private MailModule mail;
    private Metrics metrics;
    private MetricsListener metricsListener;

    public NudgeServer(Config config) {
        this.config = config;
    }

    public NudgeServer start() {
        int rejectedLogSize = RejectedLogSize.from(config.env()); // a bad setting fails before anything is opened
        runtime = NudgeRuntime.open(config.dataDir(), config.segmentsDir(), config.clock(), config.maxPendingEvents());
        store = runtime.store();
        writer = runtime.writer();
        credentials = Credentials.load(store, config.env());
        List<StoreHook> hooks = runtime.hooks();
        metrics = new Metrics(config.dataDir());
        PrometheusMeterRegistry registry = metrics.registry();
        EngineMetrics.bind(registry, writer, runtime.segments());
        Timer lateness = Metrics.latency("nudge.segment.timer.lateness", "due instant to firing").register(registry);
        timers = new TimerService(store, writer, runtime.segments(), config.clock(), ms -> lateness.record(Math.max(0, ms), TimeUnit.MILLISECONDS));
        if (config.timers()) timers.start();
        runtime.definitions().backfillIfCatalogChanged();
        if (config.segmentsDir() != null) folderWatch = FolderWatch.start(config.segmentsDir(), runtime.definitions()::reloadFolderLogged);
        RejectedLog rejectedLog = new RejectedLog(store, rejectedLogSize);
        IngestService ingest = new IngestService(writer, config.clock(), new IngestMetrics(registry), rejectedLog);
        Auth auth = new Auth(credentials);

        WebhookRegistry webhookRegistry = new WebhookRegistry(store, writer,
                new AddressGuard("1".equals(config.env().get(AddressGuard.ALLOW_PRIVATE))));
        webhooks = new WebhookDispatcher(webhookRegistry, new SegmentReads(store), config.clock());
        if (config.timers()) webhooks.start();
        intelligence = Intelligence.start(runtime, config.env(), config.clock(), config.timers());
        MailConfig mailConfig = MailConfig.from(config.env(), config.host(), config.port());
        mail = MailModule.start(mailConfig, store, writer, ingest, config.clock(), registry,
                id -> runtime.segments().engine().catalog().get(id) != null);
        Readiness readiness = new Readiness(List.of(
                Readiness.Check.of("store", store::problem),
                Readiness.Check.of("writer", () -> writer.alive() ? null : "the store's writer is not running; see the log for why, then restart"),
                mailConfig.smtp() != null ? new SmtpCheck(mailConfig.smtp(), config.clock()) : Readiness.Check.of("mail", () -> null)));
        OpenApiDocument openApi = OpenApiDocument.load();
        HttpMetrics httpMetrics = new HttpMetrics(registry);
        ClientAddress clientAddress = ClientAddress.from(config.env());
        if (!clientAddress.trusted().isEmpty()) log.info("client addresses: trusting forwarding headers from {}", clientAddress.trusted());

        // Javalin 7 takes every route, filter and handler in its config block, before the server starts.
        app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 4L << 20; // above every spec limit, so BodyReader can answer with a precise 400
            cfg.contextResolver.ip = clientAddress::of; // every ctx.ip() (consent log, machine-open rules) sees through trusted proxies only
            cfg.requestLogger.http(httpMetrics::record);
            RoutesConfig routes = cfg.routes;
            routes.before("/api/*", auth::requireAdmin);
            routes.exception(ApiError.class, (e, ctx) -> Json.send(ctx, e.status(), e.body()));
            routes.exception(Exception.class, (e, ctx) -> {
                log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                Json.send(ctx, 500, Map.of("error", "internal error; the request was not applied. Retry, and report it if it persists"));
            });
            routes.error(404, ctx -> {
                // a route's own 404 (a JSON error, the tracking pages) stands; Javalin's plain-text "Endpoint ... not found" does not
                if (ctx.endpoints().matchedHttpEndpoint() == null || ctx.result() == null || ctx.result().isEmpty()) {
                    Json.send(ctx, 404, Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            // CORS, the settings document and analytics.js for browser and mobile clients (docs/tracking.md)
            new ClientSupport(credentials, config.env(), () -> config.host() + ":" + port()).register(routes);
            new IngestRoutes(ingest, auth).register(routes);
            new RejectedRoutes(rejectedLog).register(routes);
            ProfileEraser eraser = new ProfileEraser(writer, hooks, rejectedLog);
            new ProfileRoutes(store, eraser).register(routes);
            SegmentRoutes segmentApi = new SegmentRoutes(store, runtime.definitions(), runtime.segments());
            segmentApi.register(routes);
            new TransitionStream(runtime.segments(), new SegmentReads(store)).register(routes);
            new WebhookRoutes(webhookRegistry, webhooks, new SegmentReads(store)).register(routes);
            new OpsRoutes(registry, auth, readiness, () -> ready, openApi).register(routes);
            intelligence.register(routes, store);
            mail.register(routes);
            new Dashboard(credentials, store, runtime.definitions(), runtime.segments(), segmentApi,
                    eraser, mail, registry, config.clock()).register(routes); // pages at /, docs/dashboard.md
        });
        app.start(config.host(), config.port());
        String metricsPort = config.env().get(METRICS_PORT);
        if (metricsPort != null && !metricsPort.isBlank()) {
            String metricsHost = config.env().getOrDefault(METRICS_HOST, config.host());
            metricsListener = MetricsListener.start(registry, metricsHost, parsePort(METRICS_PORT, metricsPort));
            log.info("metrics: GET http://{}:{}/metrics (no token on that port)", metricsHost, metricsListener.port());
        }
        ready = true;
        return this;
    }

    private static int parsePort(String name, String value) {
        try {
            int p = Integer.parseInt(value.strip());
            if (p >= 0 && p <= 65535) return p;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number 0..65535, got '" + value + "'");
    }

    /** The routes the HTTP API really registered (for the OpenAPI check). */
    public List<RouteTable.Route> routes() {
        return RouteTable.of(app);
    }

    /** The {@code --metrics-port} listener's port, or -1 without one. */
    public int metricsPort() {
        return metricsListener == null ? -1 : metricsListener.port();
    }

    public int port() {
        return app.port();
    }

    public NudgeStore store() {
        return store;
    }

    public IngestWriter writer() {
        return writer;
    }

    public NudgeRuntime runtime() {
        return runtime;
    }

    public WebhookDispatcher webhooks() {
        return webhooks;
    }

    public TimerService timers() {
        return timers;
    }

    public Intelligence intelligence() {
        return intelligence;
    }

    public MailModule mail() {
        return mail;
    }

    public Credentials credentials() {
        return credentials;
    }

    @Override
    public void close() {
        ready = false;
        if (folderWatch != null) folderWatch.close();
        if (webhooks != null) webhooks.close();
        if (timers != null) timers.close();
        if (intelligence != null) intelligence.close();
        if (metricsListener != null) metricsListener.close();
        if (app != null) app.stop();
        if (mail != null) mail.close();
        if (runtime != null) runtime.close();
        if (metrics != null) metrics.close();
    }
}
