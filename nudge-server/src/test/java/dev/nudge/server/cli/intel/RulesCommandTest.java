package dev.nudge.server.cli.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
