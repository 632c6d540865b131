package dev.nudge.server;

import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.server.segment.SegmentDefinitions;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreHook;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.state.CachingProfileStates;
import dev.nudge.store.state.EmbeddedStates;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/**
 * The embedded runtime without HTTP: the store, its writer and every hook that must see each write
 * (segments now; flows later). The server, {@code nudge import} and the admin commands all open the
 * data folder through here, so no write path can skip a hook.
 */
public final class NudgeRuntime implements AutoCloseable {
    private final NudgeStore store;
    private final SegmentRuntime segments;
    private final IngestWriter writer;
    private final SegmentDefinitions definitions;
    private final List<StoreHook> hooks;

    private NudgeRuntime(Path dataDir, Path segmentsDir, InstantSource clock, long maxPendingEvents) {
        this.store = NudgeStore.open(dataDir);
        try {
            // the processor's state through metered → caching → RocksDB (STYLE.md §3), one stack for the writer
            EmbeddedStates states = new EmbeddedStates(CachingProfileStates.DEFAULT_CAPACITY);
            this.segments = new SegmentRuntime(store, clock, SegmentEngine.of(SegmentDefinitions.initialCatalog(store, segmentsDir)), states);
            this.hooks = List.of(segments);
            this.writer = new IngestWriter(store, hooks, maxPendingEvents);
            this.definitions = new SegmentDefinitions(store, writer, segments, segmentsDir);
            definitions.loadFolder();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public static NudgeRuntime open(Path dataDir, Path segmentsDir, InstantSource clock, long maxPendingEvents) {
        return new NudgeRuntime(dataDir, segmentsDir, clock, maxPendingEvents);
    }

    public NudgeStore store() {
        return store;
    }

    public IngestWriter writer() {
        return writer;
    }

    public SegmentRuntime segments() {
        return segments;
    }

    public SegmentDefinitions definitions() {
        return definitions;
    }

    public List<StoreHook> hooks() {
        return hooks;
    }

    @Override
    public void close() {
        definitions.close();
        writer.close();
        store.close();
    }
}
