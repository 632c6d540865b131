package dev.nudge.bench.macro;

import java.util.Arrays;

/**
 * One measured cell: a backend computing one segment (or loading) at one size. Durations are the
 * median and the minimum of the timed repeats, in milliseconds.
 *
 * @param segment the segment id, {@link #LOAD} for loading the workload, or {@link #FETCH_PREFIX} + id
 * @param members how many members the segment had (-1 for a load)
 * @param runDate when the run that measured it started (ISO instant), to tell runs apart in the CSV
 */
record Timing(int profiles, long events, String backend, String segment, long members, double medianMs, double minMs,
              String runDate) {

    static final String LOAD = "(load)";
    /** Prefix of the warm-up run that also ships the member ids to the harness: {@code fetch:s01-...}. */
    static final String FETCH_PREFIX = "fetch:";
    /** Prefix of a backend's extra phase ({@link SegmentBackend#phases()}): {@code phase:backfill-all}. */
    static final String PHASE_PREFIX = "phase:";

    /** A timed segment computation (not a load, not a fetch). */
    boolean isSegment() {
        return !segment.equals(LOAD) && !segment.startsWith(FETCH_PREFIX) && !segment.startsWith(PHASE_PREFIX);
    }

    Timing {
        if (medianMs < 0 || minMs < 0) throw new IllegalArgumentException("negative duration for " + segment);
    }

    static Timing of(int profiles, long events, String backend, String segment, long members, long[] nanos) {
        return of(profiles, events, backend, segment, members, nanos, RUN_DATE);
    }

    /** The start of this JVM's run: wall clock only to date the report, never to measure. */
    static final String RUN_DATE = java.time.Instant.now().toString();

    static Timing of(int profiles, long events, String backend, String segment, long members, long[] nanos,
                     String runDate) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
        return new Timing(profiles, events, backend, segment, members, median / 1e6, s[0] / 1e6, runDate);
    }
}
