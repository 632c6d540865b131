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
