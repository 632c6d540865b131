package dev.nudge.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus metrics of ingestion: events accepted and deduplicated, messages rejected (one per
 * message, by the code of its first problem), whole requests refused (by code: a body that is not
 * JSON, over the limits, or the writer overloaded), and batch latency. Codes are the parser's fixed
 * set, so the tag's cardinality is bounded.
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter duplicates;
    private final Timer latency;
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

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

    /** Messages refused for what they contain, each counted once under its first problem's code. */
    public void rejected(List<Rejection> messages) {
        for (Rejection r : messages) {
            rejected.computeIfAbsent(r.first().code(), code -> Counter.builder("nudge.ingest.rejected")
                    .description("messages refused, by the code of their first problem").tag("code", code).register(registry)).increment();
        }
    }

    /** A whole request refused: nothing of it was looked at message by message, nothing kept. */
    public void refused(String code) {
        refused.computeIfAbsent(code, c -> Counter.builder("nudge.ingest.requests.refused")
                .description("requests refused whole (not JSON, over the limits, overloaded), by code").tag("code", c).register(registry)).increment();
    }
}
