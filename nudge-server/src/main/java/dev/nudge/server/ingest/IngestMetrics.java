package dev.nudge.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/** Prometheus metrics of ingestion: accepted, duplicates, rejected by reason, batch latency. */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;
    private final Timer latency;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("nudge.events.accepted").description("events stored").register(registry);
        this.duplicates = Counter.builder("nudge.events.duplicates").description("events skipped as already seen (messageId)").register(registry);
        this.latency = dev.nudge.server.ops.Metrics.latency("nudge.ingest.batch.latency", "request queued to durable").register(registry);
    }

    public void accepted(int n, int dup, long nanos) {
        accepted.increment(n);
        duplicates.increment(dup);
        latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void rejected(String reason, int n) {
        Counter.builder("nudge.events.rejected").description("events refused, by reason").tag("reason", reason)
                .register(registry).increment(n);
    }
}
