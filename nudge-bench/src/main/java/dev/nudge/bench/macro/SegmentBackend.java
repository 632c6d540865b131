package dev.nudge.bench.macro;

import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.workload.Workload;
import java.time.Instant;
import java.util.Set;

/**
 * An engine that computes the benchmark segments over a loaded workload: DuckDB, PostgreSQL and
 * Nudge ({@link NudgeBackend}: ingests {@link Workload#batchDir()}, then backfills the segments from
 * their {@link BenchSegment#yaml()}). The harness times
 * {@link #load} and each {@link #members} call, and requires every backend to return the same
 * members for every segment (a disagreement is a bug, never a result).
 *
 * <p>Lifecycle: {@code load} once, then {@code members} any number of times, then {@code close}.
 */
public interface SegmentBackend extends AutoCloseable {

    /** Short name used in tables and CSV columns, e.g. {@code duckdb}. */
    String name();

    /** Loads (or ingests) the whole workload; everything it needs to answer {@link #members}. */
    void load(Workload workload) throws Exception;

    /** The full computation of one segment over stored history: its members as of {@code now}. */
    Set<String> members(BenchSegment segment, Instant now) throws Exception;

    /**
     * What the harness times: compute the segment completely inside the engine and return the number
     * of members, without shipping every id to the caller (that measures a driver, not an engine).
     * The default ships the ids; the SQL backends count over the query instead.
     */
    default long computeCount(BenchSegment segment, Instant now) throws Exception {
        return members(segment, now).size();
    }

    /**
     * Whether {@link #members} computes the segment in full, as {@link #computeCount} does, and only
     * adds the transfer of the ids; then a long first run can stand as the timed one.
     */
    default boolean membersComputeInFull() {
        return false;
    }

    /** Extra timed phases of this backend (name → nanoseconds), e.g. Nudge's backfill of the whole catalog. */
    default java.util.Map<String, Long> phases() {
        return java.util.Map.of();
    }

    @Override
    default void close() throws Exception {
    }
}
