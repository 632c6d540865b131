package dev.nudge.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns the suite's figures into the DESIGN.md §14 table: for each bar and size the measured value,
 * whether the bar is met, and the peer comparison. Writes {@code suite-summary.md} and
 * {@code suite-summary.csv} beside the figures and draws {@code incremental-vs-size.png}.
 *
 * <pre>SuiteReport RESULTS.csv OUT_DIR</pre>
 */
public final class SuiteReport {
    private SuiteReport() {
    }

    /** One line of the table. {@code met} is null when the bar cannot be judged from what was measured. */
    record Line(String bar, String size, String value, Boolean met, String note) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SuiteReport RESULTS.csv OUT_DIR (bench/suite.sh runs it)");
            System.exit(2);
        }
        List<Figures.Row> rows = Figures.read(Path.of(args[0]));
        Path out = Files.createDirectories(Path.of(args[1]));
        List<Line> lines = lines(rows);
        String md = markdown(lines);
        System.out.print(md);
        Files.writeString(out.resolve("suite-summary.md"), md);
        List<String> csv = new ArrayList<>(List.of("bar,profiles,value,met,note"));
        for (Line l : lines) csv.add(String.join(",", l.bar(), l.size(), quote(l.value()), String.valueOf(l.met()), quote(l.note())));
        Files.write(out.resolve("suite-summary.csv"), csv);
        IncrementalChart.write(rows, out.resolve("incremental-vs-size.png"));
        System.out.println("\nwrote " + out.resolve("suite-summary.md") + ", suite-summary.csv, incremental-vs-size.png");
    }

    /** Per bar, one line per size that has figures for it (size 0 = measured independently of size, shown as "any"). */
    static List<Line> lines(List<Figures.Row> rows) {
        TreeSet<Long> sizes = new TreeSet<>();
        rows.forEach(r -> sizes.add(r.profiles()));
        List<Line> out = new ArrayList<>();
        for (SuiteBars.Bar bar : SuiteBars.ALL) {
            int before = out.size();
            for (long size : sizes) {
                Figures f = Figures.of(rows, size);
                if (f.rows().stream().noneMatch(r -> r.bar().equals(bar.id()))) continue;
                bar.judge().apply(f).ifPresent(v -> out.add(new Line(bar.id(), size == 0 ? "any" : String.format(Locale.ROOT, "%,d", size),
                        v.value(), v.met(), v.note())));
            }
            if (out.size() == before) {
                // nothing recorded for this bar: either it is measured outside the suite (its rule says so) or a part did not run
                Optional<SuiteBars.Verdict> fixed = bar.judge().apply(new Figures(0, List.of()));
                out.add(fixed.map(v -> new Line(bar.id(), "-", v.value(), v.met(), v.note()))
                        .orElse(new Line(bar.id(), "-", "not measured in this run", null, bar.description())));
            }
        }
        return out;
    }

    static String markdown(List<Line> lines) {
        StringBuilder b = new StringBuilder("| bar | profiles | measured | met | compared / note |\n|---|---:|---|---|---|\n");
        for (Line l : lines) {
            b.append("| ").append(l.bar()).append(" | ").append(l.size()).append(" | ").append(l.value()).append(" | ")
                    .append(l.met() == null ? "–" : l.met() ? "**yes**" : "**no**").append(" | ").append(l.note()).append(" |\n");
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
