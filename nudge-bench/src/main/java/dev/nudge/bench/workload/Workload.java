package dev.nudge.bench.workload;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A generated workload on disk: {@code events.csv} for the SQL engines, optionally
 * {@code batches/batch-*.json} for ingestion over HTTP, and the digests that prove two generations
 * identical.
 *
 * @param batchDir null when batch files were not asked for
 * @param eventsByName events per condition name (track name or call type), sorted by name
 */
public record Workload(WorkloadSpec spec, Path csv, Path batchDir, long events, int batchFiles,
                       String csvSha256, String batchSha256, Map<String, Long> eventsByName) {

    public Workload {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(csv, "csv");
        eventsByName = Map.copyOf(eventsByName);
    }

    /** The instant the benchmark segments are evaluated at: the end of the stream. */
    public java.time.Instant now() {
        return spec.end();
    }
}
