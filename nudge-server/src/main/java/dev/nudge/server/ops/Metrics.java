package dev.nudge.server.ops;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The node's Prometheus registry with the JVM and process binders (memory, GC, threads, class
 * loading, CPU, uptime, file descriptors, free disk under the data folder), and the one shape every
 * latency uses: a Prometheus histogram ({@code _bucket} series, so quantiles aggregate across
 * nodes) with fixed boundaries, bounded to 1 ms .. 30 s so a timer costs about 80 series, plus
 * SLO boundaries at the values the design's bars talk about; timers with many label combinations
 * use the SLO boundaries alone ({@link #coarseLatency}). Metric names are in
 * {@code docs/operations.md}.
 */
public final class Metrics implements AutoCloseable {
    /** Boundaries that dashboards and alerts use (DESIGN.md §14: 10 ms, 100 ms, 1 s bars). */
    static final Duration[] LATENCY_SLOS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics(Path dataDir) {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new DiskSpaceMetrics(dataDir.toAbsolutePath().toFile()).bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * A latency timer with the SLO boundaries only (13 buckets): for timers with many label
     * combinations (HTTP: route × method × status), where the ~80 buckets of {@link #latency}
     * would multiply into thousands of series.
     */
    public static Timer.Builder coarseLatency(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_SLOS);
    }

    /** A latency timer in the shared histogram shape (~80 buckets from 1 ms to 30 s, SLO boundaries included). */
    public static Timer.Builder latency(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .serviceLevelObjectives(LATENCY_SLOS);
    }

    /** A size distribution (events per commit, ...) with power-of-ten-ish buckets up to {@code max}. */
    public static DistributionSummary.Builder sizes(String name, String description, double max) {
        return DistributionSummary.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(max);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
