package dev.nudge.bench.macro;

import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one backend over one workload: load once (timed), then per segment one warm-up run that
 * fetches the member ids (kept for the agreement check; its time is recorded as {@code fetch}) and
 * {@code repeats} timed runs of {@link SegmentBackend#computeCount} — the full computation of the
 * member set inside the engine. A warm-up run longer than {@link #LONG_RUN_NANOS} is followed by one
 * timed run only, or none when it computed the segment in full itself
 * ({@link SegmentBackend#membersComputeInFull}: the SQL engines), its own time then standing as the
 * timing. Nothing else runs in the JVM meanwhile.
 */
final class SegmentRun {

    /** Above this, the warm-up run alone is long enough that one timed run follows instead of {@code repeats}. */
    static final long LONG_RUN_NANOS = 10_000_000_000L;

    final List<Timing> timings = new ArrayList<>();
    final Map<String, Set<String>> members = new LinkedHashMap<>();

    /** @param timeEach false: fetch each segment's members only, without the timed {@code computeCount} runs */
    static SegmentRun run(SegmentBackend backend, Workload w, List<BenchSegment> segments, int repeats, boolean timeEach)
            throws Exception {
        SegmentRun r = new SegmentRun();
        int n = w.spec().profiles();
        long t0 = System.nanoTime();
        backend.load(w);
        r.timings.add(Timing.of(n, w.events(), backend.name(), Timing.LOAD, -1, new long[] {System.nanoTime() - t0}));
        System.out.printf("  %-9s loaded in %.1f s%n", backend.name(), (System.nanoTime() - t0) / 1e9);
        for (BenchSegment s : segments) {
            long f0 = System.nanoTime();
            Set<String> m = backend.members(s, w.now());
            long fetchNanos = System.nanoTime() - f0;
            r.timings.add(Timing.of(n, w.events(), backend.name(), Timing.FETCH_PREFIX + s.id(), m.size(), new long[] {fetchNanos}));
            r.members.put(s.id(), m);
            if (!timeEach) {
                System.out.printf("  %-9s %-28s %,9d members %13s%n", backend.name(), s.id(), m.size(), "(not timed)");
                continue;
            }
            // a run that already takes longer than LONG_RUN is timed once: noise is small beside it; when
            // the first run computed the segment in full (SQL), it is that one (the ids' transfer, < 1 s
            // for the largest segment at 1 M, is small beside it too)
            boolean longRun = fetchNanos > LONG_RUN_NANOS;
            boolean firstStands = longRun && backend.membersComputeInFull();
            long[] nanos = new long[longRun ? 1 : repeats];
            if (firstStands) nanos[0] = fetchNanos;
            else for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                long count = backend.computeCount(s, w.now());
                nanos[i] = System.nanoTime() - start;
                if (count != m.size()) {
                    throw new IllegalStateException(backend.name() + " gave " + s.id() + " " + m.size() + " then "
                            + count + " members on the same data; a query must be deterministic");
                }
            }
            Timing t = Timing.of(n, w.events(), backend.name(), s.id(), m.size(), nanos);
            r.timings.add(t);
            System.out.printf("  %-9s %-28s %,9d members %,10.1f ms%s%n", backend.name(), s.id(), m.size(), t.medianMs(),
                    firstStands ? " (the first run, ids included)" : "");
        }
        backend.phases().forEach((name, nanos) -> {
            r.timings.add(Timing.of(n, w.events(), backend.name(), Timing.PHASE_PREFIX + name, -1, new long[] {nanos}));
            System.out.printf("  %-9s %-28s %,20.1f ms%n", backend.name(), Timing.PHASE_PREFIX + name, nanos / 1e6);
        });
        return r;
    }
}
