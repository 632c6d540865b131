package dev.nudge.core.flow.lang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.nudge.core.flow.DefaultFlows;
import dev.nudge.core.segment.DefaultSegments;
import dev.nudge.core.segment.lang.Issue;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files (STYLE.md §11): each {@code flow/NAME.yaml|json} has beside it {@code NAME.baseline}:
 * for an invalid flow the exact text of every issue ({@code source:line:col}, the line, a caret, the
 * hint), for a valid one an outline of the typed tree with every step id. Files named
 * {@code nocontext-*} are parsed without templates or segments (checks skipped). Run with
 * {@code -Dflow.golden.update=true} to rewrite the baselines after a deliberate change.
 */
class FlowParserGoldenTest {
    static final boolean UPDATE = Boolean.getBoolean("flow.golden.update");
    static final Set<String> TEMPLATES = Set.of("cart-reminder-1", "cart-reminder-2", "cart-reminder-3", "vip-offer", "welcome", "birthday", "abandoned-checkout");
    static final FlowContext CONTEXT = FlowContext.of(TEMPLATES, new HashSet<>(DefaultSegments.IDS), false);

    static Path dir() throws URISyntaxException {
        return Path.of(FlowParserGoldenTest.class.getResource("/flow").toURI());
    }

    static List<Path> inputs() throws Exception {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> !p.toString().endsWith(".baseline")).sorted().toList();
        }
    }

    static FlowParseResult parse(Path in) throws IOException {
        String name = in.getFileName().toString();
        return FlowParser.parse(name, Files.readString(in, StandardCharsets.UTF_8), name.startsWith("nocontext-") ? FlowContext.NONE : CONTEXT);
    }

    @TestFactory
    Stream<DynamicTest> everyFlow_matchesItsBaseline() throws Exception {
        List<Path> inputs = inputs();
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(25);
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
            FlowParseResult r = parse(in);
            String name = in.getFileName().toString();
            assertThat(r.ok()).as("%s: %s", name, r.issues()).isEqualTo(name.startsWith("valid-") || name.startsWith("nocontext-"));
            String actual = r.ok() ? FlowOutline.of(r.definition()) : render(r.issues());
            golden(in.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".baseline"), actual);
        }));
    }

    /** The API takes the same tree as JSON: every valid flow, converted to JSON text, parses to an equal definition. */
    @Test
    void jsonTree_parsesToTheSameDefinitionAsYaml() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectMapper json = new ObjectMapper();
        int n = 0;
        for (Path in : inputs()) {
            FlowParseResult r = parse(in);
            if (!r.ok() || !in.toString().endsWith(".yaml")) continue;
            String asJson = json.writerWithDefaultPrettyPrinter().writeValueAsString(yaml.readTree(Files.readString(in)));
            FlowParseResult j = FlowParser.parse("api", asJson, parse(in).ok() && in.getFileName().toString().startsWith("nocontext-") ? FlowContext.NONE : CONTEXT);
            assertThat(j.issues()).as(in.getFileName().toString()).isEmpty();
            assertThat(j.definition()).as(in.getFileName().toString()).isEqualTo(r.definition());
            n++;
        }
        FlowContext shipped = FlowContext.of(DefaultFlows.TEMPLATES, new HashSet<>(DefaultSegments.IDS), false);
        for (var e : DefaultFlows.texts().entrySet()) {
            FlowDefinition y = FlowParser.parse(e.getKey(), e.getValue(), shipped).orThrow();
            String asJson = json.writeValueAsString(yaml.readTree(e.getValue()));
            assertThat(FlowParser.parse("api", asJson, shipped).orThrow()).isEqualTo(y);
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(6);
    }

    @Test
    void tooManySteps_isReportedOnce() throws Exception {
        FlowParseResult r = parse(dir().resolve("too-many-steps.yaml"));
        assertThat(r.issues()).hasSize(1);
        assertThat(r.issues().get(0).message()).contains("more than " + StepParser.MAX_STEPS + " steps");
    }

    static String render(List<Issue> issues) {
        StringBuilder b = new StringBuilder();
        for (Issue i : issues) b.append(i).append("\n\n");
        return b.toString();
    }

    static void golden(Path expectedFile, String actual) throws IOException {
        if (UPDATE || !Files.exists(expectedFile)) {
            // Write into src/test/resources, not target/, so the expectation is reviewed and committed.
            Path src = Path.of("src/test/resources/flow").resolve(expectedFile.getFileName());
            Files.writeString(src, actual);
            if (!UPDATE) throw new AssertionError("wrote missing golden file " + src + "; review it and run again:\n" + actual);
            return;
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile));
    }
}
