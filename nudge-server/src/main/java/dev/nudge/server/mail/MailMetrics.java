package dev.nudge.server.mail;

import dev.nudge.core.event.Event;
import dev.nudge.mail.DeliveryResult;
import dev.nudge.mail.MailTransport;
import dev.nudge.mail.OutgoingMessage;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.server.ops.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Series of the mail feature: handoffs to the transport by result and their latency
 * ({@link #metered}, a wrapper, so the send path itself knows nothing of metrics), email events by
 * name (delivered, opened, clicked, bounced, unsubscribed, ... — human or machine for opens and
 * clicks), and the outbox depth (queued, sending).
 *
 * <p>Outbox depth counts the status index at scrape time, at most {@link #DEPTH_CAP} keys, and
 * keeps the count for {@link #DEPTH_TTL_MILLIS}: a broadcast can queue millions, and a scrape must
 * stay cheap. At the cap the gauge reads the cap.
 */
final class MailMetrics {
    static final long DEPTH_CAP = 1_000_000;
    static final long DEPTH_TTL_MILLIS = 5_000;

    private final MeterRegistry registry;

    MailMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    MailTransport metered(MailTransport transport) {
        Timer latency = Metrics.latency("nudge.mail.handoff.latency", "one message handed to the transport (SMTP: connect/reuse to the 250 after DATA)")
                .register(registry);
        Map<String, Counter> results = new java.util.concurrent.ConcurrentHashMap<>();
        return new MailTransport() {
            @Override
            public DeliveryResult send(OutgoingMessage message) {
                long start = System.nanoTime();
                DeliveryResult r = transport.send(message);
                latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                results.computeIfAbsent(result(r), k -> Counter.builder("nudge.mail.handoffs")
                        .description("messages handed to the transport, by result: sent, deferred (4xx, retried), failed (5xx), bounced (5xx naming a bad address), uncertain, unavailable")
                        .tag("result", k).register(registry)).increment();
                return r;
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }

    static String result(DeliveryResult r) {
        return switch (r) {
            case DeliveryResult.Accepted a -> "sent";
            case DeliveryResult.Rejected x when x.temporary() -> "deferred";
            case DeliveryResult.Rejected x when x.hardBounce() -> "bounced";
            case DeliveryResult.Rejected x -> "failed";
            case DeliveryResult.Uncertain u -> "uncertain";
            case DeliveryResult.Unavailable u -> "unavailable";
        };
    }

    /** Counts one email event that goes to ingest. */
    void event(Event e) {
        Counter.Builder b = Counter.builder("nudge.mail.events").description("email events recorded, by event name (and machine for opens and clicks)")
                .tag("event", e.conditionName());
        Object machine = e.properties() == null ? null : e.properties().get("machine");
        b.tag("machine", machine instanceof Boolean m ? m.toString() : "");
        b.register(registry).increment();
    }

    void outboxDepth(RocksOutboxStore outbox, InstantSource clock) {
        Map<OutboxStatus, long[]> cache = new EnumMap<>(OutboxStatus.class); // status → {count, at millis}
        for (OutboxStatus s : new OutboxStatus[] {OutboxStatus.QUEUED, OutboxStatus.SENDING}) {
            Gauge.builder("nudge.mail.outbox.depth", () -> {
                        synchronized (cache) {
                            long[] c = cache.get(s);
                            long now = clock.millis();
                            if (c == null || now - c[1] >= DEPTH_TTL_MILLIS) cache.put(s, c = new long[] {outbox.count(s, DEPTH_CAP), now});
                            return c[0];
                        }
                    })
                    .description("outbox entries waiting (queued) or being handed to the transport (sending); counted up to " + DEPTH_CAP)
                    .tag("status", s.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }
}
