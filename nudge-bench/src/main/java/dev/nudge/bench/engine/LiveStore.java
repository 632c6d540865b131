package dev.nudge.bench.engine;

import dev.nudge.bench.support.Scratch;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.segment.TimerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The server's segment path on the real clock, wired as {@code NudgeServer} wires it: a RocksDB store
 * in a temp folder, the single {@link IngestWriter} with the {@link SegmentRuntime} hook, and the
 * {@link TimerService} thread — with the 20 benchmark segments plus the given probe segments. No HTTP.
 */
final class LiveStore implements AutoCloseable {
    final Path dir;
    final NudgeStore store;
    final SegmentRuntime runtime;
    final IngestWriter writer;
    final TimerService timers;

    LiveStore(Map<String, String> probes, LongConsumer lateness) {
        try {
            dir = Files.createTempDirectory("nudge-engbench-live");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder; set -Djava.io.tmpdir to a writable folder", e);
        }
        store = NudgeStore.open(dir);
        runtime = new SegmentRuntime(store, InstantSource.system(), SegmentEngine.of(BenchCatalog.twentyPlus(probes)));
        writer = new IngestWriter(store, List.of(runtime), 1_000_000);
        timers = new TimerService(store, writer, runtime, InstantSource.system(), lateness).start();
    }

    @Override
    public void close() {
        timers.close();
        writer.close();
        store.close();
        Scratch.delete(dir);
    }
}
