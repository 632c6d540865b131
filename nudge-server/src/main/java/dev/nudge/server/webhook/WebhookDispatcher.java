package dev.nudge.server.webhook;

import dev.nudge.server.http.Json;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.StoredTransition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>The HTTP client resolves host names only through {@link GuardedResolver}: each new connection
 * goes to an address {@link AddressGuard} has just checked (no DNS rebinding past the check), no
 * proxy is configured, and redirects are not followed.
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
    private final HttpClient http;
    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread thread;

    public WebhookDispatcher(WebhookRegistry registry, SegmentReads reads, InstantSource clock) {
        this.registry = registry;
        this.reads = reads;
        this.clock = clock;
        QueuedThreadPool pool = new QueuedThreadPool(8, 1);
        pool.setName("nudge-webhook-http");
        pool.setDaemon(true);
        this.http = new HttpClient();
        http.setExecutor(pool);
        http.setSocketAddressResolver(new GuardedResolver(registry.guard(), pool));
        http.setFollowRedirects(false);
        http.setConnectTimeout(5_000);
        http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Nudge-Webhooks/0.1"));
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the webhook HTTP client: " + e.getMessage(), e);
        }
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
        byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("webhook_id", w.id(), "transitions", transitions));
        long t = clock.millis() / 1000;
        ContentResponse r;
        try {
            r = http.POST(w.url()).timeout(10, TimeUnit.SECONDS)
                    .headers(h -> h.put("X-Nudge-Webhook-Id", w.id()).put("X-Nudge-Signature", Signature.header(w.secret(), t, body)))
                    .body(new BytesRequestContent("application/json", body)).send();
        } catch (ExecutionException e) {
            // the guard's refusal (or the I/O error) is the cause; its message is what the API shows
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        if (r.getStatus() / 100 != 2) throw new ReceiverRefused(r.getStatus());
    }

    /** The receiver answered, with a status other than 2xx. */
    static final class ReceiverRefused extends Exception {
        ReceiverRefused(int status) {
            super("receiver answered HTTP " + status);
        }
    }

    /**
     * Why a delivery failed, for the log and {@code last_error}: the HTTP status, or the exception
     * class and message with its causes. A connection failure often carries its reason only in its
     * cause (its own message is null), which once logged as "delivery failed (null)".
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
        try {
            http.stop();
        } catch (Exception e) {
            log.warn("webhook HTTP client did not stop cleanly: {}", e.toString());
        }
    }
}
