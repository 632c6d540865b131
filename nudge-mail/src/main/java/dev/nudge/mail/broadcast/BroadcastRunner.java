package dev.nudge.mail.broadcast;

import dev.nudge.core.event.Event;
import dev.nudge.mail.outbox.ErrorRateBreaker;
import dev.nudge.mail.outbox.OutboxEntry;
import dev.nudge.mail.outbox.OutboxStore;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.outbox.SendOutcome;
import dev.nudge.mail.outbox.Sender;
import dev.nudge.mail.template.TemplateException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends a broadcast, listmonk-style, as visible stages:
 *
 * <ol>
 *   <li><b>validate</b> and <b>compile</b> the template (a broken template fails the broadcast
 *       before anything is sent, with the template's line);</li>
 *   <li><b>fetch</b> the next batch of recipients from the durable checkpoint;</li>
 *   <li><b>enqueue</b> one outbox intent per recipient (put-if-absent: re-running a batch after a
 *       crash adds nothing);</li>
 *   <li>push the keys into a <b>bounded queue</b> (backpressure) drained by N <b>workers</b>, each
 *       sending through the shared {@link Sender} (rate limit, suppression, retries);</li>
 *   <li>an <b>error threshold</b> pauses the broadcast: workers stop sending, the checkpoint stays
 *       at the batch start, and a later {@link #run} resumes (already-sent keys are skipped);</li>
 *   <li><b>checkpoint</b>: when a batch is complete, counts and offset are saved together.</li>
 * </ol>
 *
 * <p>Crash safety comes from the outbox, not from the checkpoint: the checkpoint only saves work.
 * After a crash, run {@code OutboxRecovery} first, then {@link #run} again with the same snapshot.
 */
public final class BroadcastRunner {
    /**
     * @param queueCapacity bound of the key queue between the batch feeder and the workers
     * @param sendBatch     most keys a worker takes from the queue at once and hands to
     *                      {@link Sender#deliverAll} (its durable writes are per batch; so is its crash window)
     */
    public record Settings(int batchSize, int workers, int queueCapacity, int sendBatch) {
        public Settings {
            if (batchSize < 1 || workers < 1 || queueCapacity < 1 || sendBatch < 1) {
                throw new IllegalArgumentException("batchSize, workers, queueCapacity and sendBatch must be >= 1");
            }
        }

        /**
         * The send batch for a rate limit: what the workers together hand off in about 50 ms, 1 to 32.
         * At an ESP's usual 100 messages/s that is 1 — one message at a time, the smallest crash
         * window, and synced writes to spare; at thousands per second the batch shares them.
         */
        public static int sendBatchFor(double messagesPerSecond, int workers) {
            return (int) Math.max(1, Math.min(32, messagesPerSecond * 0.05 / workers));
        }
    }

    private static final String POISON = "\0stop";

    private final Sender sender;
    private final OutboxStore outbox;
    private final BroadcastStore store;
    private final InstantSource clock;
    private final Settings settings;
    private final Supplier<ErrorRateBreaker> breakers;
    private final Consumer<Event> sink;

    public BroadcastRunner(Sender sender, OutboxStore outbox, BroadcastStore store, InstantSource clock, Settings settings,
                           Supplier<ErrorRateBreaker> breakers, Consumer<Event> sink) {
        this.sender = sender;
        this.outbox = outbox;
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.breakers = breakers;
        this.sink = sink;
    }

    /** Runs (or resumes) until finished, paused by the error threshold, or failed; returns the saved state. */
    public BroadcastState run(Broadcast b, RecipientSnapshot recipients) throws InterruptedException {
        BroadcastState state = store.load(b.id()).orElse(BroadcastState.start(b.id(), clock.instant()));
        if (state.status() == BroadcastState.Status.FINISHED) return state;
        try {
            sender.template(b.template());
        } catch (TemplateException e) {
            state = state.with(BroadcastState.Status.FAILED, "template: " + e.getMessage(), clock.instant());
            store.save(state);
            return state;
        }
        state = state.with(BroadcastState.Status.RUNNING, null, clock.instant());
        store.save(state);

        ErrorRateBreaker breaker = breakers.get();
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        Semaphore done = new Semaphore(0);
        AtomicReference<Throwable> crash = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(() -> work(queue, done, breaker, crash), "broadcast-" + b.id() + "-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        try {
            while (true) {
                List<String> ids = recipients.read(state.offset(), settings.batchSize());
                if (ids.isEmpty()) {
                    state = state.with(BroadcastState.Status.FINISHED, null, clock.instant());
                    store.save(state);
                    return state;
                }
                List<String> keys = new ArrayList<>(ids.size());
                List<OutboxEntry> intents = new ArrayList<>(ids.size());
                for (String id : ids) {
                    String key = b.keyFor(id);
                    keys.add(key);
                    intents.add(OutboxEntry.queued(new SendIntent(key, b.template(), id, b.campaignId(), null, null, null, null, null, clock.instant())));
                }
                outbox.enqueueAll(intents); // one synced write per batch, not one per recipient
                int pushed = 0;
                for (String key : keys) {
                    if (breaker.tripped() || crash.get() != null) break;
                    queue.put(key);
                    pushed++;
                }
                done.acquire(pushed);
                if (crash.get() != null) throw new IllegalStateException("broadcast " + b.id() + " worker crashed", crash.get());
                if (breaker.tripped()) {
                    state = state.with(BroadcastState.Status.PAUSED, String.format("error rate %.0f%% passed the threshold; "
                            + "check the SMTP replies in the outbox, then resume", breaker.errorRate() * 100), clock.instant());
                    store.save(state);
                    return state;
                }
                state = checkpoint(state, keys);
                store.save(state);
            }
        } finally {
            // Leaving early (an interrupt = an admin pause or shutdown) must not send what is still queued:
            // marking the run stopped makes workers skip those keys, which stay QUEUED for the resume.
            // On the normal paths every pushed key is already done, so this changes nothing there.
            crash.compareAndSet(null, new java.util.concurrent.CancellationException("broadcast " + b.id() + " stopped"));
            // workers always drain the queue (they skip keys once paused or crashed), so put cannot block for long
            for (int i = 0; i < workers.size(); i++) queue.put(POISON);
            for (Thread t : workers) {
                t.join(30_000);
                if (t.isAlive()) t.interrupt(); // stuck in a transport call past its timeouts: do not leak it
            }
        }
    }

    private BroadcastState checkpoint(BroadcastState s, List<String> keys) {
        long sent = 0, suppressed = 0, bounced = 0, failed = 0;
        for (String k : keys) {
            switch (outbox.get(k).orElseThrow().status()) {
                case SENT, DELIVERED -> sent++;
                case SUPPRESSED -> suppressed++;
                case BOUNCED -> bounced++;
                case FAILED -> failed++;
                default -> throw new IllegalStateException("batch incomplete: " + k + " still in flight");
            }
        }
        return s.advance(keys.size(), sent, suppressed, bounced, failed, clock.instant());
    }

    private void work(BlockingQueue<String> queue, Semaphore done, ErrorRateBreaker breaker, AtomicReference<Throwable> crash) {
        List<String> batch = new ArrayList<>(settings.sendBatch());
        while (true) {
            batch.clear();
            boolean last = false;
            try {
                String key = queue.take();
                // identity: the sentinel instance, never a real key; a worker consumes exactly one
                while (true) {
                    if (key == POISON) {
                        last = true;
                        break;
                    }
                    batch.add(key);
                    if (batch.size() == settings.sendBatch() || (key = queue.poll()) == null) break;
                }
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (!batch.isEmpty() && !breaker.tripped() && crash.get() == null) {
                    for (SendOutcome o : sender.deliverAll(batch, () -> breaker.tripped() || crash.get() != null)) {
                        if (!o.alreadyDone()) breaker.record(o.countsAsError());
                        o.events().forEach(sink);
                    }
                }
            } catch (Throwable t) {
                crash.compareAndSet(null, t);
            } finally {
                done.release(batch.size());
            }
            if (last) return;
        }
    }
}
