package dev.nudge.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Recomputes the calibrated constants of {@link Calibration} from the public datasets and fails if
 * they no longer match; skipped when the datasets folder is absent. Also checks that the BG/NBD draws
 * the generator makes reproduce CDNOW's purchase-frequency distribution.
 */
class CalibrationTest {

    static Path datasets() {
        String p = System.getProperty("nudge.datasets");
        if (p == null) p = System.getenv("NUDGE_DATASETS");
        Path dir = p != null ? Path.of(p) : Path.of("../shared/data");
        if (!Files.isDirectory(dir)) dir = Path.of("../../shared/data"); // run from nudge-bench/
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("cdnow")) && Files.isDirectory(dir.resolve("epub")),
                "datasets folder missing: " + dir.toAbsolutePath() + " (set -Dnudge.datasets or NUDGE_DATASETS)");
        return dir;
    }

    @Test
    void pagesPerSession_matchEpubSessionSizes() throws IOException {
        Map<String, Integer> sizes = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(datasets().resolve("epub/epub_long.csv.gz"))), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                sizes.merge(line.substring(0, line.indexOf(',')).replace("\"", ""), 1, Integer::sum);
            }
        }
        double[] share = new double[10];
        sizes.values().forEach(n -> share[Math.min(n, 10) - 1] += 1.0 / sizes.size());
        assertThat(sizes).hasSize(15_729);
        for (int i = 0; i < 10; i++) {
            assertThat(Calibration.PAGES_PER_SESSION[i]).as("sessions with %d pages", i + 1).isCloseTo(share[i], within(0.001));
        }
    }

    @Test
    void itemsAndPricesPerOrder_matchCdnowTransactions() throws IOException {
        double[] items = new double[10];
        List<Double> perItem = new ArrayList<>();
        for (String[] row : cdnowMaster()) {
            int cds = Integer.parseInt(row[2]);
            double dollars = Double.parseDouble(row[3]);
            if (cds <= 0 || dollars <= 0) continue;
            items[Math.min(cds, 10) - 1]++;
            perItem.add(dollars / cds);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(Calibration.ITEMS_PER_ORDER[i]).as("orders with %d items", i + 1)
                    .isCloseTo(items[i] / perItem.size(), within(0.001));
        }
        Collections.sort(perItem);
        for (int v = 0; v < 20; v++) { // the 21st (maximum) is deliberately capped
            double q = perItem.get((int) (v / 20.0 * (perItem.size() - 1)));
            assertThat(Calibration.UNIT_PRICE_VIGINTILES[v]).as("price vigintile %d", v).isCloseTo(q, within(0.01));
        }
    }

    /**
     * CDNOW's cohort bought first in Q1 1997 and is observed to 1998-06-30: 66 to 78 weeks after the
     * first purchase. The BG/NBD draws of the generator, over the same horizons, must give the same
     * share of one-time buyers and the same mean number of purchase days.
     */
    @Test
    void bgnbdPurchases_reproduceCdnowPurchaseFrequency() throws IOException {
        Map<String, Set<LocalDate>> days = new HashMap<>();
        for (String[] row : cdnowMaster()) {
            String d = row[1];
            days.computeIfAbsent(row[0], k -> new HashSet<>()).add(LocalDate.of(
                    Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)), Integer.parseInt(d.substring(6))));
        }
        double onceData = days.values().stream().filter(s -> s.size() == 1).count() / (double) days.size();
        double meanData = days.values().stream().mapToInt(Set::size).average().orElseThrow();
        List<Long> gaps = new ArrayList<>();
        days.values().forEach(s -> {
            List<LocalDate> l = s.stream().sorted().toList();
            for (int i = 1; i < l.size(); i++) gaps.add(ChronoUnit.DAYS.between(l.get(i - 1), l.get(i)));
        });
        Collections.sort(gaps);

        long seed = 20260101L;
        Draws d = new Draws(new java.util.SplittableRandom(seed));
        int n = 100_000, once = 0;
        long total = 0;
        for (int i = 0; i < n; i++) {
            double horizon = 66 + 12 * d.uniform();
            double lambda = d.gamma(Calibration.BGNBD_R, 1 / Calibration.BGNBD_ALPHA);
            double p = d.beta(Calibration.BGNBD_A, Calibration.BGNBD_B);
            int repeats = 0;
            for (double t = d.exponential(1 / lambda); t < horizon; t += d.exponential(1 / lambda)) {
                repeats++;
                if (d.chance(p)) break;
            }
            if (repeats == 0) once++;
            total += 1 + repeats;
        }
        System.out.printf("CDNOW: %.3f buy once, %.2f purchase days, median gap %d days; BG/NBD draws: %.3f, %.2f%n",
                onceData, meanData, gaps.get(gaps.size() / 2), once / (double) n, total / (double) n);
        assertThat(once / (double) n).as("one-time buyers (seed %d)", seed).isCloseTo(onceData, within(0.03));
        assertThat(total / (double) n).as("purchase days per customer (seed %d)", seed).isCloseTo(meanData, within(0.25));
    }

    private static List<String[]> cdnowMaster() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(datasets().resolve("cdnow/CDNOW_master.txt"))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String t = line.strip();
                if (!t.isEmpty()) rows.add(t.split("\\s+"));
            }
        }
        return rows;
    }
}
