package dev.nudge.server.mail;

import dev.nudge.core.event.Event;
import dev.nudge.server.ingest.IngestService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands email events (opens, clicks, bounces) to the normal ingest path off the request thread. The
 * queue is bounded: under overload an event is dropped and counted ({@code nudge_mail_events_dropped_total})
 * rather than slowing a redirect or a pixel. Consent events do not come through here: they are
 * ingested synchronously, since the person's unsubscribe must reach the profile.
 */
final class EventPump implements Consumer<Event>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventPump.class);
    private final BlockingQueue<Event> queue;
    private final IngestService ingest;
    private final Counter dropped, ingested;
    private final Thread thread;
    private final Consumer<Event> accepted;
    private volatile boolean running = true;

    /** @param accepted told of each event taken into the queue (metrics) */
    EventPump(IngestService ingest, MeterRegistry registry, int capacity, Consumer<Event> accepted) {
        this.ingest = ingest;
        this.accepted = accepted;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dropped = Counter.builder("nudge.mail.events.dropped").description("email events dropped: ingest queue full").register(registry);
        this.ingested = Counter.builder("nudge.mail.events.ingested").description("email events handed to ingest").register(registry);
        this.thread = Thread.ofPlatform().daemon().name("nudge-mail-events").start(this::run);
    }

    @Override
    public void accept(Event e) {
        if (queue.offer(e)) accepted.accept(e);
        else dropped.increment();
    }

    private void run() {
        List<Event> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Event first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, 499);
                ingest.store(List.copyOf(batch)).join();
                ingested.increment(batch.size());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | dev.nudge.store.ingest.OverloadedException e) {
                dropped.increment(batch.size());
                log.warn("dropped {} email events: {}", batch.size(), e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
