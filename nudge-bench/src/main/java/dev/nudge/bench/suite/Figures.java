package dev.nudge.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The suite's recorded figures ({@link SuiteResults} lines) for one size; the last recording of a metric wins. */
record Figures(long profiles, List<Row> rows) {

    record Row(String bar, String metric, long profiles, double value, String unit) {
    }

    static List<Row> read(Path csv) throws IOException {
        List<Row> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.equals(SuiteResults.HEADER)) continue;
            String[] f = line.split(",", -1);
            if (f.length < 5) throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected " + SuiteResults.HEADER + ", got: " + line);
            out.add(new Row(f[0], f[1], Long.parseLong(f[2]), Double.parseDouble(f[3]), f[4]));
        }
        return out;
    }

    static Figures of(List<Row> all, long profiles) {
        return new Figures(profiles, all.stream().filter(r -> r.profiles() == profiles).toList());
    }

    Optional<Double> get(String bar, String metric) {
        Double v = null;
        for (Row r : rows) if (r.bar().equals(bar) && r.metric().equals(metric)) v = r.value();
        return Optional.ofNullable(v);
    }

    /** The value of the first metric of {@code bar} whose name starts with {@code prefix} (e.g. a rate in the name). */
    Optional<Double> firstMatching(String bar, String prefix) {
        return rows.stream().filter(r -> r.bar().equals(bar) && r.metric().startsWith(prefix)).map(Row::value).findFirst();
    }
}
