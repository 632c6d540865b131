package dev.nudge.mail.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drains QUEUED entries (flow and transactional sends) through the {@link Sender}, feeding every
 * outcome to an auto-pause breaker: once it trips, {@link #drain} stops and returns until
 * {@link #resume()} — the queue is left intact, nothing is lost. Events from outcomes (bounces) go
 * to {@code sink} (ingest). Call {@link OutboxRecovery#recover} once before the first drain.
 * Not thread-safe: run one worker loop per instance (the Sender underneath is shared).
 *
 * <p>Keys starting with {@code broadcast/} are left to their {@code BroadcastRunner}, which counts
 * them at its checkpoints; a worker taking one would leave the runner's batch incomplete.
 */
public final class OutboxWorker {
    static final String BROADCAST_PREFIX = "broadcast/";

    private final OutboxStore outbox;
    private final Sender sender;
    private final ErrorRateBreaker breaker;
    private final Consumer<dev.nudge.core.event.Event> sink;

    public OutboxWorker(OutboxStore outbox, Sender sender, ErrorRateBreaker breaker, Consumer<dev.nudge.core.event.Event> sink) {
        this.outbox = outbox;
        this.sender = sender;
        this.breaker = breaker;
        this.sink = sink;
    }

    /**
     * One pass over the queue in key order: sends up to {@code max} queued entries and returns their
     * outcomes (empty when paused or idle). Call again for entries queued meanwhile.
     */
    public List<SendOutcome> drain(int max) throws InterruptedException {
        List<SendOutcome> out = new ArrayList<>();
        String cursor = null;
        while (out.size() < max && !breaker.tripped()) {
            List<OutboxEntry> batch = outbox.inStatus(OutboxStatus.QUEUED, cursor, 100);
            if (batch.isEmpty()) break;
            cursor = batch.get(batch.size() - 1).key();
            for (OutboxEntry e : batch) {
                if (breaker.tripped() || out.size() >= max) break;
                if (e.key().startsWith(BROADCAST_PREFIX)) continue;
                SendOutcome o = sender.deliver(e.key());
                if (!o.alreadyDone()) breaker.record(o.countsAsError());
                o.events().forEach(sink);
                out.add(o);
            }
        }
        return out;
    }

    public boolean paused() {
        return breaker.tripped();
    }

    public void resume() {
        breaker.reset();
    }
}
