package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;
import dev.nudge.mail.broadcast.Broadcast;
import dev.nudge.mail.broadcast.BroadcastRunner;
import dev.nudge.mail.broadcast.BroadcastState;
import dev.nudge.mail.broadcast.BroadcastStore;
import dev.nudge.mail.broadcast.RecipientSnapshot;
import dev.nudge.mail.outbox.ErrorRateBreaker;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Broadcasts of the running server. Creating one freezes the segment's current members into
 * {@code er/} keys (the snapshot), then writes the definition ({@code ed/}) last: a crash while
 * snapshotting leaves no broadcast, never a half-frozen one. Each running broadcast has one thread
 * driving a {@link BroadcastRunner}; at start every broadcast not FINISHED, FAILED or paused by an
 * admin is resumed from its checkpoint.
 */
public final class Broadcasts implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broadcasts.class);
    static final String ADMIN_PAUSE = "paused by an admin";

    /** A broadcast as created: its template, its segment and how many members the snapshot froze. */
    public record Definition(String id, String template, String segment, long recipients, Instant createdAt) {}

    private final MailModule mail;
    private final BroadcastStore states;
    private final NudgeStore store;
    private final BroadcastRunner runner;
    private final Map<String, Thread> running = new ConcurrentHashMap<>();

    Broadcasts(MailModule mail, BroadcastStore states, NudgeStore store) {
        this.mail = mail;
        this.states = states;
        this.store = store;
        this.runner = new BroadcastRunner(mail.sender, mail.outbox, states, mail.clock,
                new BroadcastRunner.Settings(200, mail.config.workers(), 400, mail.config.sendBatch()), ErrorRateBreaker::defaults, mail.events);
    }

    /** The segment a broadcast names is not defined (a typo, or deleted): nothing is created. */
    static final class UnknownSegment extends IllegalArgumentException {
        UnknownSegment(String segment) {
            super("no segment has the id \"" + segment + "\"; GET /api/v1/segments lists the segments (use their \"id\"), "
                    + "POST /api/v1/segments creates one");
        }
    }

    /**
     * Freezes {@code segment}'s members and starts sending {@code template} to them.
     *
     * @throws IllegalStateException a broadcast with {@code id} exists
     * @throws IllegalArgumentException the segment is not defined
     * @throws dev.nudge.mail.template.TemplateException the template does not compile (with its line)
     */
    public Definition create(String id, String template, String segment) {
        if (definition(id).isPresent()) throw new IllegalStateException("a broadcast with the id " + id + " exists; pick another id");
        // an unknown segment has no members: without this check the broadcast would "finish" having sent nothing
        if (!mail.segmentExists.test(segment)) throw new UnknownSegment(segment);
        Broadcast b = new Broadcast(id, template, null, mail.clock.instant());
        mail.sender.template(template); // a broken template fails here, with its line, before anything is frozen
        SegmentReads reads = new SegmentReads(store);
        long n = 0;
        byte[] cursor = null;
        do {
            SegmentReads.Page<SegmentReads.Member> page = reads.members(segment, 1000, cursor);
            long base = n;
            List<String> ids = page.items().stream().map(SegmentReads.Member::profileId).toList();
            mail.db.write(txn -> {
                for (int i = 0; i < ids.size(); i++) txn.put(Column.STATE, StoreKeys.recipient(id, base + i), StoreKeys.utf8(ids.get(i)));
                return null;
            });
            n += ids.size();
            cursor = page.next();
        } while (cursor != null);
        Definition d = new Definition(id, template, segment, n, b.createdAt());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("template", template);
        m.put("segment", segment);
        m.put("recipients", n);
        m.put("created_at", d.createdAt().toString());
        mail.db.write(txn -> {
            txn.put(Column.STATE, StoreKeys.broadcastDefinition(id), MailCodec.bytes(m));
            return null;
        });
        start(d);
        return d;
    }

    public Optional<Definition> definition(String id) {
        byte[] b = mail.db.get(StoreKeys.broadcastDefinition(id));
        if (b == null) return Optional.empty();
        Map<String, Object> m = MailCodec.map(b);
        return Optional.of(new Definition(id, (String) m.get("template"), (String) m.get("segment"), ((Number) m.get("recipients")).longValue(),
                Instant.parse((String) m.get("created_at"))));
    }

    public Optional<BroadcastState> state(String id) {
        return states.load(id);
    }

    public boolean isRunning(String id) {
        return running.containsKey(id);
    }

    /** Stops the runner at the next recipient and saves PAUSED; sends already handed over complete. */
    synchronized boolean pause(String id) throws InterruptedException {
        Thread t = running.remove(id);
        if (t != null) {
            t.interrupt();
            t.join();
        }
        BroadcastState s = states.load(id).orElse(null);
        if (s == null || s.status() == BroadcastState.Status.FINISHED || s.status() == BroadcastState.Status.FAILED) return false;
        states.save(new BroadcastState(id, BroadcastState.Status.PAUSED, s.offset(), s.sent(), s.suppressed(), s.bounced(), s.failed(),
                ADMIN_PAUSE, mail.clock.instant()));
        return true;
    }

    synchronized boolean resume(String id) {
        Optional<Definition> d = definition(id);
        if (d.isEmpty() || running.containsKey(id)) return false;
        start(d.get());
        return true;
    }

    /** Every broadcast, in id order (the definition keys' byte order). */
    public List<Definition> list() {
        List<Definition> out = new ArrayList<>();
        mail.db.scan(StoreKeys.Prefix.BROADCAST_DEFINITION.bytes(), null, (k, v) -> {
            definition((String) MailCodec.map(v).get("id")).ifPresent(out::add);
            return true;
        });
        return out;
    }

    void resumeAll() {
        mail.db.scan(StoreKeys.Prefix.BROADCAST_DEFINITION.bytes(), null, (k, v) -> {
            String id = (String) MailCodec.map(v).get("id");
            BroadcastState s = states.load(id).orElse(null);
            boolean done = s != null && (s.status() == BroadcastState.Status.FINISHED || s.status() == BroadcastState.Status.FAILED
                    || (s.status() == BroadcastState.Status.PAUSED && ADMIN_PAUSE.equals(s.reason())));
            if (!done) definition(id).ifPresent(this::start);
            return true;
        });
    }

    private synchronized void start(Definition d) {
        Broadcast b = new Broadcast(d.id(), d.template(), null, d.createdAt());
        RecipientSnapshot snapshot = (offset, limit) -> {
            List<String> ids = new ArrayList<>(limit);
            mail.db.scan(StoreKeys.recipientPrefix(d.id()), StoreKeys.recipient(d.id(), offset), (k, v) -> {
                ids.add(StoreKeys.string(v));
                return ids.size() < limit;
            });
            return ids;
        };
        Thread t = Thread.ofPlatform().daemon().name("broadcast-" + d.id()).unstarted(() -> {
            try {
                BroadcastState s = runner.run(b, snapshot);
                log.info("broadcast {} {}: sent {}, suppressed {}, bounced {}, failed {}", d.id(), s.status(), s.sent(), s.suppressed(), s.bounced(), s.failed());
            } catch (InterruptedException e) {
                log.info("broadcast {} stopped", d.id());
            } catch (RuntimeException e) {
                log.error("broadcast {} crashed; it resumes from its checkpoint on POST .../resume or restart", d.id(), e);
            } finally {
                running.remove(d.id(), Thread.currentThread());
            }
        });
        running.put(d.id(), t);
        t.start();
    }


    @Override
    public void close() {
        for (Thread t : List.copyOf(running.values())) t.interrupt();
        for (Thread t : List.copyOf(running.values())) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
