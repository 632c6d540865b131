package dev.nudge.server;

import dev.nudge.server.auth.Auth;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.ingest.IngestMetrics;
import dev.nudge.server.ingest.IngestRoutes;
import dev.nudge.server.ingest.IngestService;
import dev.nudge.server.ops.OpsRoutes;
import dev.nudge.server.profile.ProfileEraser;
import dev.nudge.server.profile.ProfileRoutes;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreHook;
import dev.nudge.store.ingest.IngestWriter;
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
import io.micrometer.prometheusmetrics.PrometheusConfig;
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
    private dev.nudge.server.intelligence.Intelligence intelligence;
    private Javalin app;
    private Credentials credentials;
    private volatile boolean ready;
    private dev.nudge.server.mail.MailModule mail;

    public NudgeServer(Config config) {
        this.config = config;
    }

    public NudgeServer start() {
        runtime = NudgeRuntime.open(config.dataDir(), config.segmentsDir(), config.clock(), config.maxPendingEvents());
        store = runtime.store();
        writer = runtime.writer();
        credentials = Credentials.load(store, config.env());
        List<StoreHook> hooks = runtime.hooks();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Timer lateness = Timer.builder("nudge.segment.timer.lateness").description("due instant to firing")
                .publishPercentiles(0.5, 0.99, 1.0).register(registry);
        timers = new TimerService(store, writer, runtime.segments(), config.clock(), ms -> lateness.record(Math.max(0, ms), TimeUnit.MILLISECONDS));
        if (config.timers()) timers.start();
        runtime.definitions().backfillIfCatalogChanged();
        if (config.segmentsDir() != null) folderWatch = FolderWatch.start(config.segmentsDir(), runtime.definitions()::reloadFolderLogged);
        IngestService ingest = new IngestService(writer, config.clock(), new IngestMetrics(registry));
        Auth auth = new Auth(credentials);

        app = Javalin.create(cfg -> {
            cfg.useVirtualThreads = true;
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = 4L << 20; // above every spec limit, so BodyReader can answer with a precise 400
        });
        app.before("/api/*", auth::requireAdmin);
        app.exception(ApiError.class, (e, ctx) -> Json.send(ctx, e.status(), e.body()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            Json.send(ctx, 500, Map.of("error", "internal error; the request was not applied. Retry, and report it if it persists"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                Json.send(ctx, 404, Map.of("error", "no such endpoint: " + ctx.method() + " " + ctx.path()));
            }
        });
        new IngestRoutes(ingest, auth).register(app);
        new ProfileRoutes(store, new ProfileEraser(writer, hooks)).register(app);
        new SegmentRoutes(store, runtime.definitions(), runtime.segments()).register(app);
        new TransitionStream(runtime.segments(), new SegmentReads(store)).register(app);
        WebhookRegistry webhookRegistry = new WebhookRegistry(store, writer,
                new AddressGuard("1".equals(config.env().get("NUDGE_WEBHOOKS_ALLOW_PRIVATE"))));
        webhooks = new WebhookDispatcher(webhookRegistry, new SegmentReads(store), config.clock());
        if (config.timers()) webhooks.start();
        new WebhookRoutes(webhookRegistry, webhooks, new SegmentReads(store)).register(app);
        new OpsRoutes(registry, writer, () -> ready).register(app);
        (intelligence = dev.nudge.server.intelligence.Intelligence.start(runtime, config.env(), config.clock(), config.timers())).register(app, store);
        mail = dev.nudge.server.mail.MailModule.start(dev.nudge.server.mail.MailConfig.from(config.env(), config.host(), config.port()),
                store, writer, ingest, config.clock(), registry, id -> runtime.segments().engine().catalog().get(id) != null);
        mail.register(app);
        app.start(config.host(), config.port());
        ready = true;
        return this;
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

    public dev.nudge.server.intelligence.Intelligence intelligence() {
        return intelligence;
    }

    public dev.nudge.server.mail.MailModule mail() {
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
        if (app != null) app.stop();
        if (mail != null) mail.close();
        if (runtime != null) runtime.close();
    }
}
