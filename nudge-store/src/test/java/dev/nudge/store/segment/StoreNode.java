package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One embedded node as the server wires it — a real RocksDB store, its single writer with the
 * segment runtime as hook, the durable timer service and the backfill sweep — on a clock the test
 * moves by hand. Timers are fired by {@link #at} rather than by the timer thread, so a test decides
 * exactly when time passes; {@link TimerService#runOnce} is the code the thread runs.
 */
final class StoreNode implements AutoCloseable {
    /** A clock that only moves when told to; never backwards, as a profile's time never runs backwards. */
    static final class HandClock implements InstantSource {
        private volatile Instant now;

        HandClock(Instant start) {
            now = start;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void set(Instant t) {
            if (t.isBefore(now)) throw new IllegalArgumentException("the clock runs forward only: " + t + " is before " + now);
            now = t;
        }
    }

    final HandClock clock;
    final NudgeStore store;
    final SegmentRuntime runtime;
    final IngestWriter writer;
    final TimerService timers;
    final SegmentReads reads;

    StoreNode(Path dir, Instant start, SegmentCatalog catalog) {
        clock = new HandClock(start);
        store = NudgeStore.open(dir);
        runtime = new SegmentRuntime(store, clock, SegmentEngine.of(catalog));
        writer = new IngestWriter(store, List.of(runtime), 1_000_000);
        timers = new TimerService(store, writer, runtime, clock, lateMillis -> { });
        reads = new SegmentReads(store);
    }

    /** Moves the clock to {@code t} and fires every timer due at or before it, as the timer thread would. */
    void at(Instant t) {
        clock.set(t);
        try {
            while (timers.runOnce() > 0) {
                // a round handles at most MAX_PER_ROUND entries; repeat until nothing is due
            }
        } catch (Exception e) {
            throw new IllegalStateException("timer round failed at " + t, e);
        }
    }

    /** One ingestion request, acknowledged (durable) before this returns. */
    void ingest(List<Event> request) {
        try {
            writer.submit(request).join();
        } catch (dev.nudge.store.ingest.OverloadedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Installs a new catalog and sweeps every profile, as a catalog change does in the server. */
    Backfill.Progress installAndBackfill(SegmentCatalog catalog, int readers) {
        install(catalog);
        return backfill(readers);
    }

    void install(SegmentCatalog catalog) {
        runtime.install(SegmentEngine.of(catalog));
    }

    Backfill.Progress backfill(int readers) {
        return new Backfill(store, writer, runtime, readers).run();
    }

    /** Every segment the membership index ({@code pm/}) holds the profile in, whatever catalog wrote it. */
    Set<String> members(String profileId) {
        return new TreeSet<>(reads.memberships(profileId).keySet());
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
