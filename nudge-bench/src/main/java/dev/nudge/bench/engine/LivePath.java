package dev.nudge.bench.engine;

import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.segment.TimerService;
import java.time.InstantSource;
import java.util.function.LongConsumer;

/**
 * What the live benchmarks drive: the server's write path as {@code NudgeServer} wires it — the
 * store, the single writer with the segment runtime hook — and the clock both read. Either a fresh
 * store ({@link LiveStore}) or one the macro harness loaded with a workload of a given size.
 *
 * @param profiles the population stored before the measurement (recorded with its figures)
 */
public record LivePath(NudgeStore store, SegmentRuntime runtime, IngestWriter writer, InstantSource clock, long profiles) {

    /** The server's timer thread over this path; close it when done. */
    TimerService startTimers(LongConsumer lateness) {
        return new TimerService(store, writer, runtime, clock, lateness).start();
    }
}
