package dev.nudge.server.webhook;

import dev.nudge.server.http.Json;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.StoredTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the transition log to webhooks, at least once and in order: each webhook has a durable
 * cursor; a delivery POSTs the next transitions after it as
 * {@code {"webhook_id", "transitions": [...]}} signed with {@link Signature}, and only a 2xx answer
 * advances the cursor. Failures back off exponentially (1 s doubling to 5 min) per webhook, so one
 * dead receiver never delays the others. Receivers deduplicate by {@code seq}.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int MAX_PER_DELIVERY = 100;
    static final long MAX_BACKOFF_MILLIS = 300_000;

    /** Delivery health of one webhook, for the API. */
    public record Status(int consecutiveFailures, long nextAttemptMillis, String lastError) {}

    private final WebhookRegistry registry;
    private final SegmentReads reads;
    private final InstantSource clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    public WebhookDispatcher(WebhookRegistry registry, SegmentReads reads, InstantSource clock) {
        this.registry = registry;
        this.reads = reads;
        this.clock = clock;
    }

    public Status status(String id) {
        return status.getOrDefault(id, new Status(0, 0, null));
    }

    public WebhookDispatcher start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("nudge-webhooks").start(() -> {
            while (running) {
                try {
                    if (runOnce() == 0) Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("webhook round failed", e);
                }
            }
        });
        return this;
    }

    /** One pass over every webhook that is due; returns how many transitions were delivered. */
    public int runOnce() {
        int delivered = 0;
        for (Webhook w : registry.list()) {
            Status s = status(w.id());
            if (s.nextAttemptMillis() > clock.millis()) continue;
            long cursor = registry.cursor(w.id());
            List<StoredTransition> next = reads.log(cursor, MAX_PER_DELIVERY);
            if (next.isEmpty()) continue;
            List<Map<String, Object>> wanted = new ArrayList<>();
            for (StoredTransition t : next) if (w.wants(t.transition().segmentId())) wanted.add(t.toMap());
            long last = next.get(next.size() - 1).seq();
            if (wanted.isEmpty()) {
                registry.advance(w.id(), last);
                continue;
            }
            try {
                deliver(w, wanted);
                registry.advance(w.id(), last);
                status.remove(w.id());
                delivered += wanted.size();
            } catch (Exception e) {
                int failures = s.consecutiveFailures() + 1;
                long backoff = Math.min(MAX_BACKOFF_MILLIS, 1000L << Math.min(failures - 1, 20));
                String why = describe(e);
                status.put(w.id(), new Status(failures, clock.millis() + backoff, why));
                log.warn("webhook {} delivery failed ({}), attempt {}, retrying in {} ms", w.id(), why, failures, backoff);
            }
        }
        return delivered;
    }

    private void deliver(Webhook w, List<Map<String, Object>> transitions) throws Exception {
        registry.guard().check(w.url());
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("webhook_id", w.id(), "transitions", transitions));
        long t = clock.millis() / 1000;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(w.url().toString())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Nudge-Webhook-Id", w.id())
                .header("X-Nudge-Signature", Signature.header(w.secret(), t, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new ReceiverRefused(r.statusCode());
    }

    /** The receiver answered, with a status other than 2xx. */
    static final class ReceiverRefused extends Exception {
        ReceiverRefused(int status) {
            super("receiver answered HTTP " + status);
        }
    }

    /**
     * Why a delivery failed, for the log and {@code last_error}: the HTTP status, or the exception
     * class and message with its causes. Java's HTTP client throws a {@code ConnectException} whose
     * own message is null (the reason is in its cause), which logged as "delivery failed (null)".
     */
    static String describe(Throwable e) {
        if (e instanceof ReceiverRefused) return e.getMessage();
        StringBuilder b = new StringBuilder();
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        for (Throwable t = e; t != null && seen.add(t) && seen.size() <= 4; t = t.getCause()) {
            if (!b.isEmpty()) b.append("; caused by ");
            b.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) b.append(": ").append(t.getMessage());
        }
        return b.toString();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) thread.interrupt();
    }
}
