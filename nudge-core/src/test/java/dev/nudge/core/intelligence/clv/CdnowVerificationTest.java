package dev.nudge.core.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nudge.core.intelligence.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the models to the published CDNOW results (Fader, Hardie &amp; Lee 2005; Fader &amp; Hardie 2013).
 * Runs when the shared {@code cdnow} folder is present, else is skipped with a message.
 */
class CdnowVerificationTest {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final double HALF_UNIT = 0.005 + 1e-9;
    static List<CustomerSummary> summaries;

    @BeforeAll
    static void summarize() throws IOException {
        Path dir = Datasets.require("cdnow");
        summaries = SummaryBuilder.summarize(CdnowLayout.parse(Files.readAllLines(dir.resolve("CDNOW_sample.txt"))),
                CALIBRATION_END, ZoneOffset.UTC);
    }

    @Test
    void summary_equalsPublishedSummaryForEveryCustomer() throws IOException {
        List<String> lines = Files.readAllLines(Datasets.require("cdnow").resolve("cdnow_customers_summary_with_transactions.csv"));
        Map<String, CustomerSummary> ours = new HashMap<>();
        for (CustomerSummary c : summaries) ours.put(c.id(), c);
        assertThat(lines.subList(1, lines.size())).hasSize(2357);
        assertThat(ours).hasSize(2357);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            CustomerSummary c = ours.get(f[0]);
            assertThat(c).as("customer %s", f[0]).isNotNull();
            assertThat(c.x()).as("x of %s", f[0]).isEqualTo(Integer.parseInt(f[1]));
            // The file is rounded to 2 decimals, so ours must lie within half a cent of it (plus float
            // noise: 24.02 + 12.25 sums to 36.269999…, whose half is displayed 18.14 in the file).
            assertThat(c.tx()).as("t_x of %s", f[0]).isCloseTo(Double.parseDouble(f[2]), within(HALF_UNIT));
            assertThat(c.T()).as("T of %s", f[0]).isCloseTo(Double.parseDouble(f[3]), within(HALF_UNIT));
            assertThat(c.zbar()).as("zbar of %s", f[0]).isCloseTo(Double.parseDouble(f[4]), within(HALF_UNIT));
        }
    }

    @Test
    void bgNbdFit_reproducesPublishedParametersAndLogLikelihood() {
        long start = System.nanoTime();
        BgNbdFit fit = BgNbdFit.fit(summaries, DataRequirements.defaults());
        System.out.printf("CDNOW BG/NBD fit: %s LL=%.4f in %d ms%n", fit.params(), fit.logLikelihood(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(fit.params().r()).isCloseTo(0.243, within(0.005));
        assertThat(fit.params().alpha()).isCloseTo(4.414, within(0.005));
        assertThat(fit.params().a()).isCloseTo(0.793, within(0.005));
        assertThat(fit.params().b()).isCloseTo(2.426, within(0.005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.1));
    }

    @Test
    void bgNbdPredictions_trackTheHoldoutPeriod() throws IOException {
        // Holdout 1997-10-01 .. 1998-06-30 (39 weeks): actual purchase days per customer vs E[Y(39) | x, t_x, T]
        var orders = CdnowLayout.parse(Files.readAllLines(Datasets.require("cdnow").resolve("CDNOW_sample.txt")));
        Map<String, java.util.Set<LocalDate>> holdoutDays = new HashMap<>();
        for (var o : orders) {
            LocalDate d = LocalDate.ofInstant(o.at(), ZoneOffset.UTC);
            if (d.isAfter(CALIBRATION_END)) holdoutDays.computeIfAbsent(o.customerId(), k -> new java.util.HashSet<>()).add(d);
        }
        BgNbd model = new BgNbd(new BgNbdParams(0.243, 4.414, 0.793, 2.426));
        double predicted = 0, actual = 0;
        double[] predictedByX = new double[3], actualByX = new double[3]; // x = 0, 1, 2+
        for (CustomerSummary c : summaries) {
            double e = model.conditionalExpectedPurchases(39, c.x(), c.tx(), c.T());
            int a = holdoutDays.getOrDefault(c.id(), java.util.Set.of()).size();
            predicted += e;
            actual += a;
            predictedByX[Math.min(c.x(), 2)] += e;
            actualByX[Math.min(c.x(), 2)] += a;
        }
        System.out.printf("CDNOW holdout: predicted %.1f, actual %.0f purchase days; by x=0,1,2+: %s vs %s%n", predicted, actual,
                java.util.Arrays.toString(predictedByX), java.util.Arrays.toString(actualByX));
        // A sanity bound, not a published figure: BG/NBD under-forecasts this holdout (1,654 vs 1,882 days,
        // −12 %; −5 % for x = 0, −25 % for x = 1, −11 % for x ≥ 2). A wrong formula misses by far more.
        assertThat(predicted).isCloseTo(actual, within(0.15 * actual));
        assertThat(predictedByX[0]).isCloseTo(actualByX[0], within(0.10 * actualByX[0]));
        assertThat(predictedByX[2]).isCloseTo(actualByX[2], within(0.15 * actualByX[2]));
    }

    @Test
    void gammaGammaFit_onRepeatBuyers_reproducesPublishedParameters() {
        assertThat(GammaGamma.fittable(summaries)).hasSize(946);
        long start = System.nanoTime();
        GammaGamma.GammaGammaFit fit = GammaGamma.fit(summaries, 30);
        System.out.printf("CDNOW Gamma-Gamma fit: %s LL=%.4f in %d ms%n", fit.params(), fit.logLikelihood(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(fit.customers()).isEqualTo(946);
        assertThat(fit.params().p()).isCloseTo(6.25, within(0.01));
        assertThat(fit.params().q()).isCloseTo(3.74, within(0.01));
        assertThat(fit.params().gamma()).isCloseTo(15.44, within(0.01));
    }

}
