package dev.nudge.bench.macro;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Formats the timings: a plain-text table per size with the ratio of each engine to the first one
 * (DuckDB), a per-segment CSV and a per-size summary CSV. Ratios are "how many times slower than
 * the reference", so 12.0 means twelve times DuckDB's time.
 */
final class ResultsTable {

    private final List<Timing> timings;

    ResultsTable(List<Timing> timings) {
        this.timings = List.copyOf(timings);
    }

    Set<String> backends() {
        Set<String> b = new LinkedHashSet<>();
        timings.forEach(t -> b.add(t.backend()));
        return b;
    }

    Set<Integer> sizes() {
        Set<Integer> s = new TreeSet<>();
        timings.forEach(t -> s.add(t.profiles()));
        return s;
    }

    Optional<Timing> find(int size, String backend, String segment) {
        return timings.stream().filter(t -> t.profiles() == size && t.backend().equals(backend)
                && t.segment().equals(segment)).findFirst();
    }

    /** Whether {@code backend} ran at {@code size} (a run may leave an engine out). */
    boolean has(int size, String backend) {
        return find(size, backend, Timing.LOAD).isPresent();
    }

    /**
     * Sum of the median times of the 20 segments: the cost of recomputing every segment once; NaN when
     * the backend's segments were not timed one by one at that size ({@code --per-segment-up-to}).
     */
    double totalMs(int size, String backend) {
        double[] ms = timings.stream().filter(t -> t.profiles() == size && t.backend().equals(backend) && t.isSegment())
                .mapToDouble(Timing::medianMs).toArray();
        return ms.length == 0 ? Double.NaN : java.util.Arrays.stream(ms).sum();
    }

    void print(PrintStream out) {
        List<String> b = new ArrayList<>(backends());
        String ref = b.get(0);
        for (int size : sizes()) {
            long events = timings.stream().filter(t -> t.profiles() == size).findFirst().orElseThrow().events();
            out.printf(Locale.ROOT, "%n%,d profiles, %,d events%n", size, events);
            StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-28s %10s", "segment", "members"));
            for (String name : b) h.append(String.format(Locale.ROOT, " %12s", name + " ms"));
            for (String name : b.subList(1, b.size())) h.append(String.format(Locale.ROOT, " %14s", name + "/" + ref));
            out.println(h);
            List<String> segments = timings.stream().filter(t -> t.profiles() == size && t.backend().equals(ref)
                    && !t.segment().startsWith(Timing.FETCH_PREFIX) && !t.segment().startsWith(Timing.PHASE_PREFIX)).map(Timing::segment).toList();
            for (String seg : segments) {
                Timing r = find(size, ref, seg).orElseThrow();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s %10s", seg,
                        r.members() < 0 ? "" : String.format(Locale.ROOT, "%,d", r.members())));
                for (String name : b) {
                    line.append(find(size, name, seg).map(t -> String.format(Locale.ROOT, " %12.1f", t.medianMs()))
                            .orElse(String.format(Locale.ROOT, " %12s", "-")));
                }
                for (String name : b.subList(1, b.size())) {
                    line.append(find(size, name, seg).map(t -> ratio(t.medianMs(), r.medianMs()))
                            .orElse(String.format(Locale.ROOT, " %14s", "-")));
                }
                out.println(line);
            }
            StringBuilder total = new StringBuilder(String.format(Locale.ROOT, "%-28s %10s", "total (20 segments)", ""));
            for (String name : b) {
                double ms = totalMs(size, name);
                total.append(Double.isNaN(ms) ? String.format(Locale.ROOT, " %12s", "-") : String.format(Locale.ROOT, " %12.1f", ms));
            }
            for (String name : b.subList(1, b.size())) total.append(ratio(totalMs(size, name), totalMs(size, ref)));
            out.println(total);
        }
    }

    /** Reads back a per-segment CSV written by {@link #writeCsv}, keeping the run date of each row. */
    static List<String[]> readCsv(Path perSegment) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(perSegment)) return rows;
        List<String> lines = Files.readAllLines(perSegment);
        for (String line : lines.subList(1, lines.size())) rows.add(line.split(","));
        return rows;
    }

    static Timing fromCsv(String[] r) {
        return new Timing(Integer.parseInt(r[1]), Long.parseLong(r[2]), r[3], r[4], Long.parseLong(r[5]),
                Double.parseDouble(r[6]), Double.parseDouble(r[7]), r[0]);
    }

    void writeCsv(Path perSegment, Path summary) throws IOException {
        List<String> rows = new ArrayList<>();
        rows.add("run_date,profiles,events,backend,segment,members,median_ms,min_ms");
        for (Timing t : timings) {
            rows.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%d,%.3f,%.3f", t.runDate(), t.profiles(), t.events(),
                    t.backend(), t.segment(), t.members(), t.medianMs(), t.minMs()));
        }
        Files.write(perSegment, rows);
        List<String> sum = new ArrayList<>();
        sum.add("run_date,profiles,events,backend,load_ms,segments_total_ms,ratio_to_" + backends().iterator().next());
        String ref = backends().iterator().next();
        for (int size : sizes()) {
            for (String b : backends()) {
                if (!has(size, b)) continue;
                double load = find(size, b, Timing.LOAD).map(Timing::medianMs).orElse(Double.NaN);
                long events = timings.stream().filter(t -> t.profiles() == size).findFirst().orElseThrow().events();
                String runDate = find(size, b, Timing.LOAD).map(Timing::runDate).orElse("");
                sum.add(String.format(Locale.ROOT, "%s,%d,%d,%s,%.1f,%.1f,%.2f", runDate, size, events, b, load,
                        totalMs(size, b), totalMs(size, b) / totalMs(size, ref)));
            }
        }
        Files.write(summary, sum);
    }

    private static String ratio(double x, double ref) {
        double r = ref > 0 ? x / ref : Double.NaN;
        return Double.isNaN(r) ? String.format(Locale.ROOT, " %14s", "-") : String.format(Locale.ROOT, " %13.1fx", r);
    }
}
