package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.Sleeper;
import dev.nudge.mail.TokenSigner;
import dev.nudge.mail.catcher.MailCatcher;
import dev.nudge.mail.outbox.DeliveryProbe;
import dev.nudge.mail.outbox.MailSettings;
import dev.nudge.mail.outbox.MessageComposer;
import dev.nudge.mail.outbox.OutboxRecovery;
import dev.nudge.mail.outbox.RetryPolicy;
import dev.nudge.mail.outbox.Sender;
import dev.nudge.mail.smtp.SmtpTransport;
import dev.nudge.mail.smtp.TokenBucket;
import dev.nudge.mail.template.TemplateEngine;
import dev.nudge.mail.template.TemplateLoader;
import dev.nudge.mail.tracking.LinkRewriter;
import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.tracking.TrackingService;
import dev.nudge.mail.unsubscribe.ProfileDirectory;
import dev.nudge.mail.unsubscribe.UnsubscribeService;
import dev.nudge.server.ingest.IngestService;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The mail feature of a running server: RocksDB stores, the send path (catcher or SMTP), tracking,
 * unsubscribe, webhooks, broadcasts and their HTTP routes. {@link #start} settles sends a crash left
 * in SENDING ({@link OutboxRecovery}) before any broadcast worker starts, then resumes running
 * broadcasts.
 */
public final class MailModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailModule.class);

    final MailConfig config;
    final StoreAccess db;
    final RocksOutboxStore outbox;
    final RocksMessageStore messages;
    final RocksSuppressionStore suppressions;
    final RocksConsentLog consent;
    final ProfileDirectory profiles;
    final TemplateEngine engine;
    /** Where template sources come from: the --templates folder, or nothing. */
    private final TemplateLoader loader;
    final MailCatcher catcher;
    final MailTransport transport;
    final Sender sender;
    final TrackingService tracking;
    final UnsubscribeService unsubscribe;
    final EventPump events;
    final IngestService ingest;
    final Broadcasts broadcasts;
    final InstantSource clock;
    final MailMetrics metrics;
    /** Whether a segment id is defined now (broadcasts to an unknown segment are refused). */
    final Predicate<String> segmentExists;
    /** Settles sends of unknown fate: at startup (left in SENDING by a crash) and live (connection lost after the handoff). */
    private final DeliveryProbe probe;

    private MailModule(MailConfig config, NudgeStore store, IngestWriter writer, IngestService ingest, InstantSource clock, MeterRegistry registry,
                       Predicate<String> segmentExists) {
        this.config = config;
        this.segmentExists = segmentExists;
        this.clock = clock;
        this.ingest = ingest;
        this.db = new StoreAccess(store, writer);
        this.outbox = new RocksOutboxStore(db);
        this.messages = new RocksMessageStore(db);
        this.suppressions = new RocksSuppressionStore(db);
        this.consent = new RocksConsentLog(db);
        this.profiles = id -> {
            String canonical = store.resolve(id);
            return canonical == null ? Optional.empty() : Optional.ofNullable(store.profile(canonical));
        };
        TokenSigner signer = new TokenSigner(signingSecret(db));
        this.loader = config.templates() == null ? TemplateLoader.of(java.util.Map.of()) : TemplateLoader.directory(config.templates());
        this.engine = new TemplateEngine(loader, clock); // {{ 'now' | date }} follows the server's clock (the demo's runs fast)
        MailSettings settings = new MailSettings(config.baseUrl(), config.domain(), config.defaultFrom(), true, true);
        this.unsubscribe = new UnsubscribeService(signer, config.baseUrl(), config.domain(), messages, profiles, suppressions, consent);
        MessageComposer composer = new MessageComposer(engine, new LinkRewriter(signer, config.baseUrl()), unsubscribe, settings);
        this.catcher = config.smtp() == null ? new MailCatcher(10_000, clock) : null;
        MailMetrics metrics = new MailMetrics(registry);
        this.transport = metrics.metered(catcher != null ? catcher : new SmtpTransport(config.smtp(), clock, config.journal()));
        TokenBucket bucket = new TokenBucket(config.rate(), Math.max(1, (int) Math.min(config.rate(), 1000)), clock, Sleeper.SYSTEM);
        this.probe = catcher != null ? catcher
                : config.journalProbe() != null ? new dev.nudge.mail.smtp.ImapJournalProbe(config.journalProbe()) : DeliveryProbe.UNKNOWN;
        this.sender = new Sender(outbox, messages, profiles, suppressions, engine, composer, transport, bucket,
                RetryPolicy.defaults(), config.recovery(), clock, Sleeper.SYSTEM, probe);
        this.tracking = new TrackingService(signer, messages, MachineDetector.defaults());
        this.metrics = metrics;
        metrics.outboxDepth(outbox, clock);
        this.events = new EventPump(ingest, registry, 10_000, metrics::event);
        this.broadcasts = new Broadcasts(this, new RocksBroadcastStore(db), store);
    }

    /** @param segmentExists whether a segment id is defined (the segment engine's catalog, read at each call) */
    public static MailModule start(MailConfig config, NudgeStore store, IngestWriter writer, IngestService ingest, InstantSource clock,
                                   MeterRegistry registry, Predicate<String> segmentExists) {
        for (String w : config.warnings()) log.warn(w);
        MailModule m = new MailModule(config, store, writer, ingest, clock, registry, segmentExists);
        OutboxRecovery.Report r = OutboxRecovery.recover(m.outbox, m.probe, config.recovery(), clock);
        if (r.sent() + r.requeued() + r.failed() > 0) {
            log.warn("mail recovery after an unclean stop: {} confirmed sent, {} requeued, {} marked failed (uncertain)", r.sent(), r.requeued(), r.failed());
        }
        m.broadcasts.resumeAll();
        log.info("mail: transport {}, links under {}", m.catcher != null ? "built-in mail catcher (no --smtp-host)" : config.smtp(), config.baseUrl());
        return m;
    }

    /** Ingests events and waits until they are durable; a full ingest queue answers 503 (the caller retries). */
    void ingestNow(java.util.List<dev.nudge.core.event.Event> list) {
        try {
            list.forEach(metrics::event);
            ingest.store(list).join();
        } catch (dev.nudge.store.ingest.OverloadedException e) {
            throw new dev.nudge.server.http.ApiError(503, e.getMessage());
        }
    }

    /** The built-in mail catcher, or null when the transport is SMTP (the dashboard's outbox page reads it). */
    public MailCatcher catcher() {
        return catcher;
    }

    /** The template engine sends and previews use (the dashboard's templates page previews edited source through it). */
    public TemplateEngine templateEngine() {
        return engine;
    }

    /**
     * The names of the templates in the --templates folder that can be sent: {@code NAME.liquid} or
     * {@code NAME.html} at its top level, sorted; {@code layouts/} and {@code partials/} are parts, not
     * templates. Read from the folder at each call, so a file added while running is listed.
     */
    public java.util.List<String> templateNames() {
        java.nio.file.Path dir = config.templates();
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) return java.util.List.of();
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(java.nio.file.Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".liquid") || n.endsWith(".html"))
                    .map(n -> n.substring(0, n.lastIndexOf('.'))).distinct().sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list the templates folder " + dir, e);
        }
    }

    /** The source of template {@code name} as the engine would load it; empty when there is no such file. */
    public Optional<String> templateSource(String name) {
        return loader.load(name);
    }

    /** The broadcasts the API creates and drives ({@code /api/v1/broadcasts}); the dashboard's broadcasts page uses the same. */
    public Broadcasts broadcasts() {
        return broadcasts;
    }

    public void register(RoutesConfig app) {
        new TrackingRoutes(this).register(app);
        new UnsubscribeRoutes(this).register(app);
        new MailAdminRoutes(this).register(app);
        new BroadcastRoutes(broadcasts).register(app);
        new EspWebhookRoutes(this).register(app);
    }

    /** The token key: 32 random bytes made on first start and kept in META, so links in sent mail stay valid across restarts. */
    private static byte[] signingSecret(StoreAccess db) {
        byte[] existing = db.store.get(Column.META, StoreKeys.Prefix.MAIL_SIGNING_SECRET.bytes());
        if (existing != null) return existing;
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return db.write(txn -> {
            byte[] raced = txn.get(Column.META, StoreKeys.Prefix.MAIL_SIGNING_SECRET.bytes());
            if (raced != null) return raced;
            txn.put(Column.META, StoreKeys.Prefix.MAIL_SIGNING_SECRET.bytes(), fresh);
            return fresh;
        });
    }

    @Override
    public void close() {
        broadcasts.close();
        events.close();
        transport.close();
    }
}
