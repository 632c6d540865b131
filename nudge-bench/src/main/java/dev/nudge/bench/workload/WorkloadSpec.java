package dev.nudge.bench.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to generate: {@code profiles} people over the {@code days} days that end at {@code end},
 * from {@code seed}. The same spec always yields byte-identical files (no wall clock, no hash-map
 * iteration order, one {@link java.util.SplittableRandom} per profile derived from the seed and the
 * profile's index — so profile {@code i} is the same person whatever {@code profiles} is).
 *
 * @param end exclusive end of the event stream; benchmarks evaluate segments at this instant
 */
public record WorkloadSpec(int profiles, int days, long seed, Instant end) {

    /** The default end of the stream: fixed, so that runs on different days compare. */
    public static final Instant DEFAULT_END = Instant.parse("2026-01-01T00:00:00Z");

    public WorkloadSpec {
        if (profiles < 1) {
            throw new IllegalArgumentException("profiles must be at least 1, got " + profiles);
        }
        if (days < 7 || days > 3650) {
            throw new IllegalArgumentException("days must be between 7 and 3650, got " + days
                    + " (the benchmark segments use windows up to 90 days; 90 is the default)");
        }
        Objects.requireNonNull(end, "end");
    }

    public static WorkloadSpec of(int profiles) {
        return new WorkloadSpec(profiles, 90, 42L, DEFAULT_END);
    }

    public Instant start() {
        return end.minus(Duration.ofDays(days));
    }

    /** A folder name that identifies the spec, so generated workloads can be reused between runs. */
    public String slug() {
        return "w-" + profiles + "p-" + days + "d-s" + seed + "-" + end.getEpochSecond();
    }
}
