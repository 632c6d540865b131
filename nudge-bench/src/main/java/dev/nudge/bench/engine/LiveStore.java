package dev.nudge.bench.engine;

import dev.nudge.bench.support.Scratch;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * A fresh {@link LivePath} on the real clock: a RocksDB store in a temp folder, the single
 * {@link IngestWriter} with the {@link SegmentRuntime} hook — with the 20 benchmark segments plus the
 * given probe segments. No HTTP. Deleted on close.
 */
final class LiveStore implements AutoCloseable {
    final Path dir;
    final NudgeStore store;
    final SegmentRuntime runtime;
    final IngestWriter writer;

    LiveStore(Map<String, String> probes) {
        try {
            dir = Files.createTempDirectory("nudge-engbench-live");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder; set -Djava.io.tmpdir to a writable folder", e);
        }
        store = NudgeStore.open(dir);
        runtime = new SegmentRuntime(store, InstantSource.system(), SegmentEngine.of(BenchCatalog.twentyPlus(probes)));
        writer = new IngestWriter(store, List.of(runtime), 1_000_000);
    }

    LivePath path() {
        return new LivePath(store, runtime, writer, InstantSource.system(), 0);
    }

    @Override
    public void close() {
        writer.close();
        store.close();
        Scratch.delete(dir);
    }
}
