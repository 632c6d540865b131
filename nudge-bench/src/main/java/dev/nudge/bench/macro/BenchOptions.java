package dev.nudge.bench.macro;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's command line. {@code --help} prints {@link #USAGE}.
 *
 * @param postgresUrl null when PostgreSQL is not part of the run
 */
record BenchOptions(List<Integer> sizes, int days, long seed, Path out, Path work, List<String> engines,
                    String postgresUrl, int repeats, int duckdbThreads, String duckdbMemory, boolean batches,
                    boolean append, boolean reportOnly, boolean atSize, int perSegmentUpTo) {

    static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://localhost:55432/nudge_bench?user=bench";

    static final String USAGE = """
            usage: bench/run.sh [options]
              --sizes 10000,100000,1000000   profiles per run (default 10000,100000)
              --days 90                      days of history per profile (default 90)
              --seed 42                      generator seed (default 42)
              --engines duckdb,postgres,nudge engines to run, in this order (default all three;
                                             the first is the reference for ratios)
              --postgres-url URL             JDBC URL (default %s)
              --repeats 3                    timed runs per segment after one warm-up; the median is kept
              --duckdb-threads 2             DuckDB worker threads (default: available processors)
              --duckdb-memory 6GB            DuckDB memory limit
              --batches                      also write Segment batch files (implied by the nudge engine)
              --append                       keep the other sizes already in --out/sql-baselines.csv
                                             (table, summary and chart then cover all of them)
              --at-size                      on Nudge's loaded store, also measure the writer's per-event
                                             cost with cold profiles, STATE bytes per profile, event ->
                                             transition latency and timer lateness (bench/suite.sh sets it)
              --per-segment-up-to 100000     time Nudge's 20 one-segment replays only at sizes up to N
                                             (default: every size); above it Nudge's members come from
                                             its catalog sweep, still checked against the SQL engines
              --report-only                  run nothing: print the table and redraw the summary and
                                             chart from --out/sql-baselines.csv
              --out bench-results            where the table, CSV and chart go
              --work bench-results/work      where generated workloads are kept (reused when present)
            """.formatted(DEFAULT_POSTGRES_URL);

    BenchOptions {
        if (sizes.isEmpty()) throw new IllegalArgumentException("--sizes needs at least one size");
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        for (String e : engines) {
            if (!e.equals("duckdb") && !e.equals("postgres") && !e.equals("nudge")) {
                throw new IllegalArgumentException("unknown engine '" + e + "'; the engines are duckdb, postgres and nudge");
            }
        }
        sizes = List.copyOf(sizes);
        engines = List.copyOf(engines);
    }

    static BenchOptions parse(String[] args) {
        List<Integer> sizes = List.of(10_000, 100_000);
        int days = 90, repeats = 3, threads = Runtime.getRuntime().availableProcessors();
        long seed = 42;
        Path out = Path.of("bench-results");
        Path work = null;
        List<String> engines = List.of("duckdb", "postgres", "nudge");
        String url = DEFAULT_POSTGRES_URL, memory = "6GB";
        boolean batches = false, append = false, reportOnly = false, atSize = false;
        int perSegmentUpTo = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--sizes" -> {
                    List<Integer> s = new ArrayList<>();
                    for (String p : value(args, ++i, a).split(",")) s.add(Integer.parseInt(p.strip().replace("_", "")));
                    sizes = s;
                }
                case "--days" -> days = Integer.parseInt(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--engines" -> engines = List.of(value(args, ++i, a).split(","));
                case "--postgres-url" -> url = value(args, ++i, a);
                case "--repeats" -> repeats = Integer.parseInt(value(args, ++i, a));
                case "--duckdb-threads" -> threads = Integer.parseInt(value(args, ++i, a));
                case "--duckdb-memory" -> memory = value(args, ++i, a);
                case "--batches" -> batches = true;
                case "--append" -> append = true;
                case "--report-only" -> reportOnly = true;
                case "--at-size" -> atSize = true;
                case "--per-segment-up-to" -> perSegmentUpTo = Integer.parseInt(value(args, ++i, a).replace("_", ""));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--work" -> work = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        return new BenchOptions(sizes, days, seed, out, work != null ? work : out.resolve("work"), engines,
                engines.contains("postgres") ? url : null, repeats, threads, memory, batches || engines.contains("nudge"), append, reportOnly, atSize, perSegmentUpTo);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        return args[i];
    }
}
