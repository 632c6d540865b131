package dev.nudge.server.cli.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.nudge.server.support.Cli;

class PredictCommandTest {

    @TempDir
    Path dir;

    /** A seeded synthetic shop: 300 customers, each buying at its own rate until it quits. */
    Path log(long seed) throws Exception {
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder("customer_id,order_id,date,revenue\n");
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int c = 0; c < 300; c++) {
            LocalDate day = start.plusDays(rnd.nextInt(60));
            double gap = 5 + rnd.nextInt(60);
            int k = 0;
            while (day.isBefore(LocalDate.of(2024, 12, 31))) {
                sb.append("c").append(c).append(",o").append(c).append('-').append(k++).append(',').append(day).append(',')
                        .append(10 + rnd.nextInt(90)).append('\n');
                if (rnd.nextDouble() < 0.2) break;
                day = day.plusDays(1 + (long) (-gap * Math.log(1 - rnd.nextDouble())));
            }
        }
        Path f = dir.resolve("log.csv");
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void fit_json_hasTheParametersAndLogLikelihoods() throws Exception {
        long seed = 5L;
        Cli r = Cli.run("predict", "fit", log(seed).toString(), "--calibration-end", "2024-09-30", "--json");
        assertThat(r.exitCode()).as("seed %d: %s", seed, r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        for (String k : new String[] {"r", "alpha", "a", "b", "log_likelihood", "p", "q", "gamma"}) {
            assertThat(doc.get(k).isNumber()).as("seed %d key %s in %s", seed, k, r.out()).isTrue();
        }
        assertThat(doc.get("customers").asInt()).isEqualTo(300);
        assertThat(doc.get("log_likelihood").asDouble()).isNegative();
    }

    @Test
    void customers_json_hasOneRowPerCustomer() throws Exception {
        Cli r = Cli.run("predict", "customers", log(6L).toString(), "--calibration-end", "2024-09-30", "--horizon", "26w",
                "--discount-rate", "0.05", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rows = new ObjectMapper().readTree(r.out());
        assertThat(rows.size()).isEqualTo(300);
        for (JsonNode row : rows) {
            assertThat(row.get("p_alive").asDouble()).isBetween(0.0, 1.0);
            assertThat(row.get("churn_risk").asDouble()).isCloseTo(1 - row.get("p_alive").asDouble(), within(1e-12));
            assertThat(row.get("clv").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(LocalDate.parse(row.get("next_order_at").asText().substring(0, 10))).isAfterOrEqualTo(LocalDate.of(2024, 9, 30));
        }
    }

    @Test
    void tooLittleHistory_isExplained() throws Exception {
        Path f = dir.resolve("tiny.csv");
        Files.writeString(f, "customer_id,date,revenue\na,2024-01-01,5\na,2024-01-05,5\nb,2024-01-02,7\n");
        Cli r = Cli.run("predict", "fit", f.toString(), "--calibration-end", "2024-01-31");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("only 2 customers").contains("only 1 repeat buyers").contains("weeks");
    }

    @Test
    void badHorizon_isExplained() {
        assertThat(PredictCustomersCommand.weeks("52w")).isEqualTo(52);
        assertThat(PredictCustomersCommand.weeks("P14D")).isEqualTo(2);
        assertThat(PredictCustomersCommand.weeks("365d")).isCloseTo(52.142857, within(1e-6));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PredictCustomersCommand.weeks("1y")).hasMessageContaining("52w");
    }

    @Test
    void cdnow_fit_reproducesThePublishedParameters() throws Exception {
        Path sample = datasets().resolve("cdnow/CDNOW_sample.txt");
        assumeTrue(Files.exists(sample), "dataset " + sample + " is missing; set -Dnudge.datasets or NUDGE_DATASETS");
        Cli r = Cli.run("predict", "fit", sample.toString(), "--format", "cdnow", "--calibration-end", "1997-09-30", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("r").asDouble()).isCloseTo(0.243, within(0.005));
        assertThat(doc.get("alpha").asDouble()).isCloseTo(4.414, within(0.005));
        assertThat(doc.get("a").asDouble()).isCloseTo(0.793, within(0.005));
        assertThat(doc.get("b").asDouble()).isCloseTo(2.426, within(0.005));
        assertThat(doc.get("log_likelihood").asDouble()).isCloseTo(-9582.4, within(0.1));
        assertThat(doc.get("p").asDouble()).isCloseTo(6.25, within(0.01));
        assertThat(doc.get("q").asDouble()).isCloseTo(3.74, within(0.01));
        assertThat(doc.get("gamma").asDouble()).isCloseTo(15.44, within(0.01));
    }

    static Path datasets() {
        String p = System.getProperty("nudge.datasets");
        if (p == null || p.isBlank()) p = System.getenv("NUDGE_DATASETS");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of("").toAbsolutePath().getParent().resolve("../shared/data").normalize();
    }
}
