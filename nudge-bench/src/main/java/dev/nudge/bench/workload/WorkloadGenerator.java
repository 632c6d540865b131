package dev.nudge.bench.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Generates a workload: profile by profile (each profile's events in time order, profiles in index
 * order), so memory stays flat at any size and the output is byte-identical for one spec. Ingestion
 * order is therefore per profile, not global; DESIGN.md §6 requires the same state for any arrival
 * order, so this is a valid order to feed Nudge, and the cheapest one to produce.
 */
public final class WorkloadGenerator {

    private WorkloadGenerator() {
    }

    /** Writes the workload into {@code dir} (created if missing; files there are overwritten). */
    public static Workload generate(WorkloadSpec spec, Path dir, boolean batches) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve("events.csv");
            Map<String, Long> byName = new TreeMap<>();
            ProfileSimulator sim = new ProfileSimulator(spec);
            CsvEventWriter csvOut = new CsvEventWriter(csv);
            BatchFileWriter batchOut = batches ? new BatchFileWriter(dir.resolve("batches")) : null;
            try (csvOut) {
                try (batchOut) {
                    for (int i = 0; i < spec.profiles(); i++) {
                        for (BenchEvent e : sim.simulate(i)) {
                            csvOut.write(e);
                            if (batchOut != null) batchOut.write(e);
                            byName.merge(e.conditionName(), 1L, Long::sum);
                        }
                    }
                }
            }
            return new Workload(spec, csv, batches ? dir.resolve("batches") : null, csvOut.rows(),
                    batches ? batchOut.files() : 0, csvOut.sha256(), batches ? batchOut.sha256() : null, byName);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the workload into " + dir + ": " + e.getMessage()
                    + " (check the folder is writable and the disk has room)", e);
        }
    }

    /** The events of profile {@code index}, as the generator writes them (for tests and JMH). */
    static List<BenchEvent> profile(WorkloadSpec spec, int index) {
        return new ProfileSimulator(spec).simulate(index);
    }

    /** Streams every event without writing files (the generator-throughput benchmark uses it). */
    static void forEach(WorkloadSpec spec, Consumer<BenchEvent> sink) {
        ProfileSimulator sim = new ProfileSimulator(spec);
        for (int i = 0; i < spec.profiles(); i++) {
            sim.simulate(i).forEach(sink);
        }
    }
}
