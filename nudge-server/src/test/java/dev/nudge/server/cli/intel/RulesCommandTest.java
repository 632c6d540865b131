package dev.nudge.server.cli.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.nudge.server.support.Cli;

class RulesCommandTest {

    @TempDir
    Path dir;

    @Test
    void json_listsRulesWithTheirMeasures() throws Exception {
        Path f = dir.resolve("baskets.csv");
        Files.writeString(f, "bread,butter,milk\nbread, butter\nbread,jam\n\nmilk\nbread,butter,jam,milk\n");
        Cli r = Cli.run("rules", f.toString(), "--min-support", "0.4", "--min-confidence", "0.5", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode rules = new ObjectMapper().readTree(r.out());
        assertThat(rules.isArray()).isTrue();
        JsonNode butterBread = null;
        for (JsonNode n : rules) {
            if (n.get("antecedent").toString().equals("[\"butter\"]") && n.get("consequent").toString().equals("[\"bread\"]")) butterBread = n;
        }
        assertThat(butterBread).as(r.out()).isNotNull();
        assertThat(butterBread.get("support").asDouble()).isCloseTo(0.6, within(1e-12));
        assertThat(butterBread.get("confidence").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(butterBread.get("lift").asDouble()).isCloseTo(1.25, within(1e-12));
        for (JsonNode n : rules) assertThat(n.get("confidence").asDouble()).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void text_hasOneLinePerRule() throws Exception {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "a,b\na,b\na\n");
        Cli r = Cli.run("rules", f.toString(), "--min-support", "0.5", "--min-confidence", "0.1");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("2 rules from 3 baskets").contains("{b} => {a}  support 0.6667  confidence 1.0000  lift 1.0000");
    }

    @Test
    void badSupport_failsWithAHint() throws Exception {
        Path f = dir.resolve("b.csv");
        Files.writeString(f, "a,b\n");
        Cli r = Cli.run("rules", f.toString(), "--min-support", "2");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("e.g. 0.01");
    }

    static final String WIDE = "bread,butter,milk\nbread,butter\nbread,jam\nmilk\nbread,butter,jam,milk\n";
    static final String LONG = "\"basket\",\"item\"\n1,bread\n1,butter\n1,milk\n2,bread\n2,butter\n3,bread\n3,jam\n4,milk\n"
            + "5,bread\n5,butter\n5,jam\n5,milk\n";

    @Test
    void longFormat_oneRowPerItem_givesTheRulesOfTheSameBasketsOneALine_andSaysHowItReadThem() throws Exception {
        Path wide = dir.resolve("wide.csv"), lng = dir.resolve("long.csv");
        Files.writeString(wide, WIDE);
        Files.writeString(lng, LONG);
        Cli w = Cli.run("rules", wide.toString(), "--min-support", "0.4", "--min-confidence", "0.5");
        Cli auto = Cli.run("rules", lng.toString(), "--min-support", "0.4", "--min-confidence", "0.5");
        Cli explicit = Cli.run("rules", lng.toString(), "--format", "long", "--min-support", "0.4", "--min-confidence", "0.5");
        assertThat(w.exitCode()).as(w.err()).isZero();
        assertThat(w.err()).isEmpty();
        assertThat(w.out()).contains("from 5 baskets");
        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(auto.out()).isEqualTo(w.out());
        assertThat(auto.err()).contains("reading long.csv as one row per item: basket column basket, item column item");
        assertThat(explicit.out()).isEqualTo(w.out());
        assertThat(explicit.err()).isEmpty();
    }

    @Test
    void longFormat_namedColumnsOfAnOrderLinesExport_groupRowsByBasketWhereverTheyAre() throws Exception {
        Path lines = dir.resolve("lines.csv");
        Files.writeString(lines, "\uFEFFsku,qty,invoice\nbread,1,A\nbutter,2,A\nbread,1,B\nbutter,1,C\nbread,1,C\njam,1,B\nbread,3,A\n");
        Cli r = Cli.run("rules", lines.toString(), "--basket", "invoice", "--item", "sku", "--min-support", "0.5", "--min-confidence", "0.5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // A = {bread, butter}, B = {bread, jam}, C = {butter, bread}: butter => bread holds in 2 of 3 baskets
        assertThat(r.out()).contains("from 3 baskets").contains("{butter} => {bread}  support 0.6667  confidence 1.0000  lift 1.0000");
        Cli wrong = Cli.run("rules", lines.toString(), "--basket", "order", "--item", "sku");
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err()).contains("--basket order is not a column of the file; its header is [sku, qty, invoice]");
    }

    @Test
    void wideFormat_forced_readsOneBasketALineEvenWhenItLooksLong() throws Exception {
        Path lng = dir.resolve("long.csv");
        Files.writeString(lng, LONG);
        Cli r = Cli.run("rules", lng.toString(), "--format", "wide", "--min-support", "0.5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("from 13 baskets"); // the header line is a basket too
        assertThat(Cli.run("rules", lng.toString(), "--format", "tall").err()).contains("--format must be auto, wide (one basket a line) or long");
    }

    /** The two shapes of the real Groceries data (9,835 baskets) must give the same rules. */
    @Test
    void groceries_longAndWideFiles_giveTheSameRules() throws Exception {
        Path groceries = PredictCommandTest.datasets().resolve("groceries");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(groceries), "dataset " + groceries + " is missing; set -Dnudge.datasets or NUDGE_DATASETS");
        String[] opts = {"--min-support", "0.005", "--min-confidence", "0.4"};
        Cli wide = Cli.run(concat(groceries.resolve("groceries_basket.csv").toString(), opts));
        Cli lng = Cli.run(concat(groceries.resolve("groceries_long.csv").toString(), opts));
        assertThat(wide.exitCode()).as(wide.err()).isZero();
        assertThat(lng.exitCode()).as(lng.err()).isZero();
        assertThat(wide.out()).contains("from 9835 baskets");
        assertThat(lng.out()).isEqualTo(wide.out());
    }

    private static String[] concat(String file, String... opts) {
        String[] a = new String[opts.length + 2];
        a[0] = "rules";
        a[1] = file;
        System.arraycopy(opts, 0, a, 2, opts.length);
        return a;
    }
}
