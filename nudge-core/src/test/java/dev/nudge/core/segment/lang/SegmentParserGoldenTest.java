package dev.nudge.core.segment.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.segment.SegmentCatalog;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each {@code segment/invalid/NAME.yaml|json} has beside it {@code NAME.errors}, the
 * exact text of every issue (CEL-style {@code source:line:col}, the line, a caret, the hint).
 * Run with {@code -Dsegment.golden.update=true} to rewrite the expectations after a deliberate change.
 */
class SegmentParserGoldenTest {
    static final boolean UPDATE = Boolean.getBoolean("segment.golden.update");

    static Path resources(String dir) throws URISyntaxException {
        return Path.of(SegmentParserGoldenTest.class.getResource("/segment/" + dir).toURI());
    }

    @TestFactory
    Stream<DynamicTest> invalidDefinitions_reportEveryIssueWithPositionAndHint() throws Exception {
        List<Path> inputs;
        try (Stream<Path> s = Files.list(resources("invalid"))) {
            inputs = s.filter(p -> !p.toString().endsWith(".errors")).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(7);
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
            String text = Files.readString(in, StandardCharsets.UTF_8);
            ParseResult r = SegmentParser.parse(in.getFileName().toString(), text);
            assertThat(r.ok()).as("an invalid definition must not parse").isFalse();
            golden(in.resolveSibling(stem(in) + ".errors"), render(r.issues()));
        }));
    }

    @Test
    void catalog_rejectsCyclesAndUnknownReferences_namingTheCycle() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(resources("catalog-cycle"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) files.put(p.getFileName().toString(), Files.readString(p));
        }
        List<SegmentDefinition> defs = new ArrayList<>();
        files.forEach((src, text) -> defs.add(SegmentParser.parse(src, text).orThrow()));
        List<Issue> issues = SegmentCatalog.check(defs);
        golden(resources("catalog-cycle").resolve("expected.errors"), render(issues));
        assertThat(render(issues)).contains("a → b → c → a").contains("did you mean `vip`?");
    }

    @Test
    void validDefinition_parsesIntoTheTypedTree() {
        ParseResult r = SegmentParser.parse("ok.yaml", """
                id: abandoned-checkout
                name: Started checkout, did not buy
                where:
                  all:
                    - sequence:
                        - event: Checkout Started
                        - not_followed_by: Order Completed
                          within: 1h
                          same: [checkout_id]
                      within: P7D
                    - subscribed: email
                    - event: Email Opened
                      where: {machine: {not_equals: true}, campaign: spring}
                      within: 8w
                      count: "!= 0"
                """);
        assertThat(r.issues()).isEmpty();
        Condition.All all = (Condition.All) r.definition().where();
        Condition.SequenceCond seq = (Condition.SequenceCond) all.of().get(0);
        assertThat(seq.within()).isEqualTo(java.time.Duration.ofDays(7));
        assertThat(seq.steps().get(1)).isEqualTo(new Condition.Step(true, "Order Completed", List.of(), java.time.Duration.ofHours(1), List.of("checkout_id")));
        assertThat(all.of().get(1)).isEqualTo(new Condition.Subscribed("email"));
        Condition.EventCond ev = (Condition.EventCond) all.of().get(2);
        assertThat(ev.within()).isEqualTo(java.time.Duration.ofDays(56));
        assertThat(ev.test()).isEqualTo(new Condition.Test(Condition.Aggregate.COUNT, null, Condition.Cmp.NE, 0));
        assertThat(ev.where()).containsExactly(
                new Condition.PropFilter("machine", new Predicate(Predicate.Operator.NOT_EQUALS, true)),
                new Condition.PropFilter("campaign", new Predicate(Predicate.Operator.EQUALS, "spring")));
    }

    static String render(List<Issue> issues) {
        StringBuilder b = new StringBuilder();
        for (Issue i : issues) b.append(i).append("\n\n");
        return b.toString();
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    static void golden(Path expectedFile, String actual) throws IOException {
        if (UPDATE || !Files.exists(expectedFile)) {
            // Write into src/test/resources, not target/, so the expectation is reviewed and committed.
            Path src = Path.of("src/test/resources/segment").resolve(expectedFile.getParent().getFileName()).resolve(expectedFile.getFileName());
            Files.writeString(src, actual);
            if (!UPDATE) throw new AssertionError("wrote missing golden file " + src + "; review it and run again:\n" + actual);
            return;
        }
        assertThat(actual).isEqualTo(Files.readString(expectedFile));
    }
}
