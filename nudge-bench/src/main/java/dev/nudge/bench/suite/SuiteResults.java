package dev.nudge.bench.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

/**
 * Where each benchmark leaves its headline figures for the suite's report: one CSV line per figure,
 * appended to the file named by the system property {@value #PROPERTY} (the suite sets it for every
 * part it runs). Without the property a benchmark run by hand prints as before and records nothing.
 *
 * <p>Columns: {@code bar,metric,profiles,value,unit,recorded_at}. {@code bar} is an id of
 * {@link SuiteBars}; {@code profiles} is the size the figure was measured at, or 0 when the part
 * does not depend on a number of profiles (e.g. a fixed-rate latency run on a fresh store).
 */
public final class SuiteResults {
    public static final String PROPERTY = "nudge.bench.results";
    static final String HEADER = "bar,metric,profiles,value,unit,recorded_at";

    private SuiteResults() {
    }

    /** Appends one figure; a no-op when the property is unset. Metric and unit must not contain commas. */
    public static synchronized void record(String bar, String metric, long profiles, double value, String unit) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) return;
        if (metric.contains(",") || unit.contains(",")) throw new IllegalArgumentException("no commas in metric or unit: " + metric + " / " + unit);
        Path p = Path.of(file);
        try {
            if (p.getParent() != null) Files.createDirectories(p.getParent());
            String line = String.format(Locale.ROOT, "%s,%s,%d,%.4f,%s,%s%n", bar, metric, profiles, value, unit, Instant.now());
            if (!Files.exists(p)) Files.writeString(p, HEADER + "\n", StandardCharsets.UTF_8);
            Files.writeString(p, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the suite results " + p + ": " + e.getMessage(), e);
        }
    }
}
