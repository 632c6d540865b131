package dev.nudge.store.segment;

import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Fires durable segment timers (DESIGN.md §7: within a second of due, stamped with the due
 * instant). The timer index {@code t/[due][profile]} is ordered by due time, so "what is due" is a
 * prefix scan that stops at the first future key. Firing goes through the writer like any other
 * change, and re-checks that the timer is still armed, so a timer replaced by a newer event is a
 * no-op and a crash between scan and fire only delays it.
 */
public final class TimerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TimerService.class);
    /** How often the scan runs when nothing is due; bounds lateness together with the group commit. */
    static final long POLL_MILLIS = 100;
    static final int MAX_PER_ROUND = 2_000;

    private final NudgeStore store;
    private final IngestWriter writer;
    private final SegmentRuntime runtime;
    private final InstantSource clock;
    private final LongConsumer lateness;
    private volatile boolean running;
    private Thread thread;

    /** @param lateness receives, for each fired timer, the milliseconds between its due instant and its firing */
    public TimerService(NudgeStore store, IngestWriter writer, SegmentRuntime runtime, InstantSource clock, LongConsumer lateness) {
        this.store = store;
        this.writer = writer;
        this.runtime = runtime;
        this.clock = clock;
        this.lateness = lateness;
    }

    public TimerService start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("nudge-timers").start(() -> {
            while (running) {
                try {
                    if (runOnce() == 0) Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log.warn("timer round failed; retrying", e);
                    try { Thread.sleep(1000); } catch (InterruptedException ie) { return; }
                }
            }
        });
        return this;
    }

    /** Fires every timer due at or before the clock's now (at most one round); returns how many index entries it processed. */
    public int runOnce() throws Exception {
        long now = clock.millis();
        List<long[]> dues = new ArrayList<>();
        List<String> profiles = new ArrayList<>();
        store.scan(Column.STATE, StoreKeys.TIMER_PREFIX, null, (k, v) -> {
            long due = StoreKeys.timerDue(k);
            if (due > now || dues.size() >= MAX_PER_ROUND) return false;
            dues.add(new long[] {due});
            profiles.add(StoreKeys.timerProfile(k));
            return true;
        });
        if (dues.isEmpty()) return 0;
        writer.submitWorkUnchecked(txn -> {
            int n = 0;
            long firedAt = clock.millis();
            for (int i = 0; i < dues.size(); i++) {
                if (runtime.fire(txn, profiles.get(i), dues.get(i)[0])) {
                    n++;
                    lateness.accept(firedAt - dues.get(i)[0]);
                }
            }
            return n;
        }).get(60, TimeUnit.SECONDS);
        return dues.size(); // stale entries count too: they were cleaned, so the next scan moves on
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
