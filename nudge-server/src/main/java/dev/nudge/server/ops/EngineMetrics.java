package dev.nudge.server.ops;

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
import java.util.concurrent.TimeUnit;

/**
 * Series of the store's writer and the segment engine: queue depth, group commits and their synced
 * write latency and size, and segment transitions by segment, kind and cause. Label values are
 * bounded: segments are the catalog (tens), kinds and causes are enums.
 */
public final class EngineMetrics {
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
        segments.subscribe((List<StoredTransition> batch) -> {
            for (StoredTransition st : batch) {
                Transition t = st.transition();
                Counter.builder("nudge.segment.transitions").description("durable segment entries and exits")
                        .tag("segment", t.segmentId()).tag("kind", t.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .tag("cause", t.cause().name().toLowerCase(java.util.Locale.ROOT))
                        .register(registry).increment();
            }
        });
    }
}
