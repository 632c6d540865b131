package dev.nudge.server.ops;

import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.Transition;
import dev.nudge.store.ingest.IngestWriter;
import dev.nudge.store.segment.SegmentRuntime;
import dev.nudge.store.segment.StoredTransition;
import dev.nudge.store.state.CachingProfileStates;
import dev.nudge.store.state.EmbeddedStates;
import dev.nudge.store.state.StateObserver;
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
        bindStates(registry, segments.states());
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

    /** The processor's profile states: get/put latency (the whole stack), gets by outcome, and the cache's hits and misses. */
    static void bindStates(MeterRegistry registry, EmbeddedStates states) {
        Timer get = Metrics.latency("nudge.state.get.latency", "one profile-state get through every layer (cache, then rows and decode)")
                .register(registry);
        Timer put = Metrics.latency("nudge.state.put.latency", "one profile-state put through every layer (cache, encode, staged rows)")
                .register(registry);
        Counter found = Counter.builder("nudge.state.gets").description("profile-state gets").tag("outcome", "found").register(registry);
        Counter absent = Counter.builder("nudge.state.gets").description("profile-state gets").tag("outcome", "absent").register(registry);
        states.metered().observe(new StateObserver() {
            @Override
            public void got(boolean wasFound, long nanos) {
                get.record(nanos, TimeUnit.NANOSECONDS);
                (wasFound ? found : absent).increment();
            }

            @Override
            public void put(long nanos) {
                put.record(nanos, TimeUnit.NANOSECONDS);
            }
        });
        // the cache counts on the writer thread; a scrape reads the counters racily, which a monotone counter tolerates
        CachingProfileStates cache = states.cache();
        FunctionCounter.builder("nudge.state.cache.lookups", cache, CachingProfileStates::hits).tag("result", "hit")
                .description("profile-state gets served by the cache").register(registry);
        FunctionCounter.builder("nudge.state.cache.lookups", cache, CachingProfileStates::misses).tag("result", "miss")
                .description("profile-state gets that read the rows").register(registry);
        Gauge.builder("nudge.state.cache.size", cache, CachingProfileStates::size).description("decoded profile states cached").register(registry);
    }
}
