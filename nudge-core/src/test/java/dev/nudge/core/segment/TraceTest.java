package dev.nudge.core.segment;

import static dev.nudge.core.segment.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraceTest {
    @Test
    void trace_showsWhichSubConditionsHeld() {
        SegmentCatalog c = Fixtures.catalog("""
                id: gold-buyer
                name: Gold buyers
                where:
                  all:
                    - trait: plan
                      equals: gold
                    - any:
                        - event: Order Completed
                          within: 30d
                        - event: Product Viewed
                          count: ">= 3"
                """);
        List<Event> h = List.of(Fixtures.track("Order Completed", T0));
        Trace t = new ReferenceEvaluator(c).trace("gold-buyer", Fixtures.profile(Map.of("plan", "gold")), h, T0.plusSeconds(60));
        assertThat(t.held()).isTrue();
        assertThat(t.toString()).isEqualTo("""
                ✓ segment gold-buyer
                  ✓ all
                    ✓ trait plan [equals gold]
                    ✓ any
                      ✓ event Order Completed within PT720H count >= 1.0
                      ✗ event Product Viewed count >= 3.0
                """);
    }

    @Test
    void validate_reportsParseAndCatalogIssuesTogether() {
        var issues = SegmentCatalog.validate(Map.of(
                "a.yaml", "{id: a, name: a, where: {segment: nope}}",
                "b.yaml", "{id: b, name: b, where: {evnt: x}}"));
        assertThat(issues).extracting(i -> i.source() + ":" + i.message()).containsExactlyInAnyOrder(
                "b.yaml:unknown condition key `evnt`", "a.yaml:unknown segment `nope`");
    }
}
