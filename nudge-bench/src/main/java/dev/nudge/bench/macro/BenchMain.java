package dev.nudge.bench.macro;

import dev.nudge.bench.suite.SuiteResults;

import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.segments.BenchSegments;
import dev.nudge.bench.workload.Workload;
import dev.nudge.bench.workload.WorkloadGenerator;
import dev.nudge.bench.workload.WorkloadSpec;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The macro benchmark, one command ({@code bench/run.sh}, options in {@link BenchOptions#USAGE}): for
 * each size, generate the workload, then for each engine load it and compute the 20 segments; check
 * every engine returns the same members; print the table with ratios; write CSV and a PNG chart to
 * {@code --out}. Exits 1 when engines disagree (a bug, not a result), after writing what it has.
 *
 * <p>Engines run one after the other, never together, so they do not share the cores.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        if (List.of(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions o = BenchOptions.parse(args);
        Files.createDirectories(o.out());
        if (o.reportOnly()) {
            List<String[]> rows = ResultsTable.readCsv(o.out().resolve("sql-baselines.csv"));
            if (rows.isEmpty()) {
                throw new IllegalArgumentException("no results in " + o.out().resolve("sql-baselines.csv")
                        + "; run the benchmark first, or point --out at a folder that has them");
            }
            write(o, List.of(), rows).print(System.out);
            return;
        }
        List<BenchSegment> segments = BenchSegments.all();
        List<Timing> timings = new ArrayList<>();
        List<String> disagreements = new ArrayList<>();
        List<String[]> kept = new ArrayList<>();
        if (o.append()) {
            for (String[] row : ResultsTable.readCsv(o.out().resolve("sql-baselines.csv"))) {
                if (!o.sizes().contains(Integer.parseInt(row[1]))) kept.add(row);
            }
        }
        for (int size : o.sizes()) {
            WorkloadSpec spec = new WorkloadSpec(size, o.days(), o.seed(), WorkloadSpec.DEFAULT_END);
            long t0 = System.nanoTime();
            Workload w = WorkloadGenerator.generate(spec, o.work().resolve(spec.slug()), o.batches());
            System.out.printf("%n== %,d profiles: %,d events generated in %.1f s (csv sha256 %s)%n", size, w.events(),
                    (System.nanoTime() - t0) / 1e9, w.csvSha256().substring(0, 16));
            Map<String, Set<String>> reference = null;
            String referenceName = null;
            for (String engine : o.engines()) {
                // Nudge's one-segment replays are 20 full passes over the store: a breakdown no bar reads, left out above the cap
                boolean timeEach = !engine.equals("nudge") || size <= o.perSegmentUpTo();
                try (SegmentBackend backend = backend(engine, o, timeEach)) {
                    SegmentRun run = SegmentRun.run(backend, w, segments, o.repeats(), timeEach);
                    timings.addAll(run.timings);
                    if (backend instanceof NudgeBackend nudge) {
                        // after the agreement data is taken: these events move the clock past the workload's end
                        IncrementalCost.Result r = IncrementalCost.measure(nudge, w, INCREMENTAL_EVENTS, 50, o.seed());
                        timings.add(Timing.of(size, w.events(), "nudge", Timing.PHASE_PREFIX + "one-event-p50", -1,
                                new long[] {r.sortedNanos()[r.sortedNanos().length / 2]}));
                        timings.add(Timing.of(size, w.events(), "nudge", Timing.PHASE_PREFIX + "one-event-p99", -1,
                                new long[] {(long) (r.p99Ms() * 1e6)}));
                        System.out.printf("  nudge     one more %s, to durable with 20 segments: p50 %.2f ms, p99 %.2f ms,"
                                + " mean %.2f ms (%d events one at a time)%n", IncrementalCost.EVENT, r.p50Ms(), r.p99Ms(),
                                r.meanMs(), INCREMENTAL_EVENTS);
                        if (o.atSize()) AtSize.measure(nudge, w, o.seed());
                    }
                    if (reference == null) {
                        reference = run.members;
                        referenceName = backend.name();
                        continue;
                    }
                    for (BenchSegment s : segments) {
                        Optional<String> d = Agreement.check(s.id(), Map.of(referenceName, reference.get(s.id()),
                                backend.name(), run.members.get(s.id())));
                        d.ifPresent(msg -> disagreements.add(size + " profiles: " + msg));
                    }
                }
            }
            printIncremental(size, timings, segments);
            recordForSuite(size, timings, segments);
            write(o, timings, kept);
        }
        ResultsTable table = write(o, timings, kept);
        table.print(System.out);
        System.out.println();
        System.out.println("(the DESIGN.md §14 bars are reported by bench/suite.sh, which runs this harness with the other benchmarks)");
        System.out.println("\nwrote " + o.out().resolve("sql-baselines.csv") + ", sql-baselines-summary.csv, cost-vs-size.png");
        if (!disagreements.isEmpty()) {
            System.err.println("\nENGINES DISAGREE — this is a bug in a query or an engine, not a result:");
            disagreements.forEach(d -> System.err.println("  " + d));
            System.exit(1);
        }
        System.out.println("all engines returned the same members for every segment at every size");
    }

    /** Single events timed through Nudge's writer after the load (see {@link IncrementalCost}). */
    static final int INCREMENTAL_EVENTS = 500;

    /** What re-running the SQL costs when one Order Completed arrives: per SQL engine, the affected segments' medians, summed. */
    private static Map<String, Double> rerunAffected(int size, List<Timing> timings, List<BenchSegment> segments) {
        Set<String> affected = IncrementalCost.affected(segments);
        Map<String, Double> byEngine = new java.util.LinkedHashMap<>();
        for (Timing t : timings) {
            if (t.profiles() == size && affected.contains(t.segment()) && !t.backend().equals("nudge")) {
                byEngine.merge(t.backend(), t.medianMs(), Double::sum);
            }
        }
        return byEngine;
    }

    private static void printIncremental(int size, List<Timing> timings, List<BenchSegment> segments) {
        int affected = IncrementalCost.affected(segments).size();
        rerunAffected(size, timings, segments).forEach((engine, ms) -> System.out.printf(
                "  %-9s re-running the %d segments one %s can change: %,.1f ms%n", engine, affected, IncrementalCost.EVENT, ms));
    }

    /**
     * The figures the suite's report compares with the bars (no-op unless the suite set
     * {@link SuiteResults#PROPERTY}): per engine the load and the sum of the 20 segments; Nudge's
     * catalog backfill; one more event in Nudge against re-running the SQL it affects.
     */
    private static void recordForSuite(int size, List<Timing> timings, List<BenchSegment> segments) {
        Map<String, Double> total = new java.util.LinkedHashMap<>();
        for (Timing t : timings) {
            if (t.profiles() != size) continue;
            String b = t.backend();
            if (t.segment().equals(Timing.LOAD)) SuiteResults.record("backfill", b + "_load_ms", size, t.medianMs(), "ms");
            else if (t.segment().equals(Timing.PHASE_PREFIX + "backfill-all")) SuiteResults.record("backfill", "nudge_catalog_backfill_ms", size, t.medianMs(), "ms");
            else if (t.segment().equals(Timing.PHASE_PREFIX + "one-event-p50")) SuiteResults.record("incremental", "nudge_one_event_p50_ms", size, t.medianMs(), "ms");
            else if (t.segment().equals(Timing.PHASE_PREFIX + "one-event-p99")) SuiteResults.record("incremental", "nudge_one_event_p99_ms", size, t.medianMs(), "ms");
            else if (t.isSegment()) total.merge(b, t.medianMs(), Double::sum);
        }
        total.forEach((b, ms) -> SuiteResults.record("backfill", b + "_20_segments_ms", size, ms, "ms"));
        rerunAffected(size, timings, segments).forEach((b, ms) -> SuiteResults.record("incremental", b + "_rerun_affected_segments_ms", size, ms, "ms"));
    }

    /** Writes the CSVs and the chart of this run plus the rows kept by {@code --append}. */
    private static ResultsTable write(BenchOptions o, List<Timing> timings, List<String[]> kept)
            throws java.io.IOException {
        List<Timing> all = new ArrayList<>();
        for (String[] row : kept) all.add(ResultsTable.fromCsv(row));
        all.addAll(timings);
        all.sort(java.util.Comparator.comparingInt(Timing::profiles)); // stable: keeps segment order
        ResultsTable table = new ResultsTable(all);
        table.writeCsv(o.out().resolve("sql-baselines.csv"), o.out().resolve("sql-baselines-summary.csv"));
        CostChart.write(table, o.out().resolve("cost-vs-size.png"));
        return table;
    }

    private static SegmentBackend backend(String engine, BenchOptions o, boolean timeEach) {
        return switch (engine) {
            case "duckdb" -> new DuckDbBackend(o.duckdbThreads(), o.duckdbMemory());
            case "postgres" -> new PostgresBackend(o.postgresUrl());
            case "nudge" -> new NudgeBackend(BenchSegments.all(), timeEach);
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }
}
