package dev.nudge.server.ops;

import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.Transition;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.segment.StoredTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Series of the store's writer and the segment engine: queue depth, group commits and their synced
 * write latency and size, and segment transitions by segment, kind and cause. Label values are
 * bounded: segments are the catalog (tens), kinds and causes are enums.
 */
public final class EngineMetrics {
    private record Key(String segment, Transition.Kind kind, Cause cause) {}

    private EngineMetrics() {}

    public static void bind(MeterRegistry registry, IngestWriter writer, SegmentRuntime segments) {
        Gauge.builder("nudge.ingest.queue.depth", writer, IngestWriter::pendingEvents)
                .description("events queued for the writer, not yet durable").register(registry);
        FunctionCounter.builder("nudge.store.group.commits", writer, IngestWriter::groupCommits)
                .description("synced group commits").register(registry);
        Timer write = Metrics.latency("nudge.store.commit.latency", "one group commit's WAL-synced write (serialize, append, fsync)")
                .register(registry);
        DistributionSummary size = Metrics.sizes("nudge.store.commit.events", "events in one group commit", 50_000).register(registry);
        writer.observeCommits((requests, events, nanos) -> {
            write.record(nanos, TimeUnit.NANOSECONDS);
            size.record(events);
        });
        // the listener runs on the writer thread (a backfill publishes millions): one map lookup per transition
        Map<Key, Counter> counters = new ConcurrentHashMap<>();
        segments.subscribe((List<StoredTransition> batch) -> {
            for (StoredTransition st : batch) {
                Transition t = st.transition();
                counters.computeIfAbsent(new Key(t.segmentId(), t.kind(), t.cause()), k -> Counter.builder("nudge.segment.transitions")
                        .description("durable segment entries and exits").tag("segment", k.segment())
                        .tag("kind", k.kind().name().toLowerCase(Locale.ROOT)).tag("cause", k.cause().name().toLowerCase(Locale.ROOT))
                        .register(registry)).increment();
            }
        });
    }
}
