package dev.nudge.bench.workload;

import java.nio.file.Path;

/**
 * {@code java ... dev.nudge.bench.workload.GenerateMain --profiles 10000 --days 90 --seed 42 --out DIR
 * [--no-batches]}: writes a workload and prints its shape.
 */
public final class GenerateMain {

    private GenerateMain() {
    }

    public static void main(String[] args) {
        int profiles = 10_000, days = 90;
        long seed = 42;
        Path out = Path.of("bench-results/workload");
        boolean batches = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profiles" -> profiles = Integer.parseInt(value(args, ++i));
                case "--days" -> days = Integer.parseInt(value(args, ++i));
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--no-batches" -> batches = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --profiles N --days D --seed S --out DIR [--no-batches]");
            }
        }
        WorkloadSpec spec = new WorkloadSpec(profiles, days, seed, WorkloadSpec.DEFAULT_END);
        long t0 = System.nanoTime();
        Workload w = WorkloadGenerator.generate(spec, out, batches);
        System.out.printf("%d profiles, %d events (%.1f per profile) in %.1f s -> %s%n", profiles, w.events(),
                (double) w.events() / profiles, (System.nanoTime() - t0) / 1e9, out.toAbsolutePath());
        System.out.printf("batch files: %d, csv sha256: %s%n", w.batchFiles(), w.csvSha256());
        int n = profiles;
        w.eventsByName().forEach((k, v) -> System.out.printf("  %-20s %,12d  %5.2f per profile%n", k, v, (double) v / n));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        return args[i];
    }
}
