package dev.nudge.core.segment.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.segment.CompiledSegment;
import dev.nudge.core.segment.DefaultSegments;
import dev.nudge.core.segment.RandomSegmentsAccess;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random trees of every kind, written as YAML and as JSON, parse back to the same tree. */
class SegmentWriterRoundTripTest {
    /** Segment references carry their source position, which differs between two texts. */
    static String normal(Condition c) {
        return c.toString().replaceAll(", line=\\d+, col=\\d+", "");
    }

    @Test
    void randomDefinitions_roundTripThroughYamlAndJson() {
        long seed = 4242;
        Random r = new Random(seed);
        int n = 0;
        for (int i = 0; i < 500; i++) {
            for (CompiledSegment s : RandomSegmentsAccess.catalog(r).segments()) {
                SegmentDefinition d = s.definition();
                String yaml = SegmentWriter.yaml(d);
                ParseResult fromYaml = SegmentParser.parse("roundtrip.yaml", yaml);
                assertThat(fromYaml.issues()).as("seed %d case %d:\n%s", seed, i, yaml).isEmpty();
                assertThat(normal(fromYaml.definition().where())).as("seed %d case %d:\n%s", seed, i, yaml).isEqualTo(normal(d.where()));
                String json = SegmentWriter.json(d);
                ParseResult fromJson = SegmentParser.parse("roundtrip.json", json);
                assertThat(fromJson.issues()).as("seed %d case %d:\n%s", seed, i, json).isEmpty();
                assertThat(normal(fromJson.definition().where())).isEqualTo(normal(d.where()));
                n++;
            }
        }
        assertThat(n).isGreaterThan(500);
    }

    @Test
    void defaultSegments_roundTrip() {
        for (SegmentDefinition d : DefaultSegments.definitions()) {
            SegmentDefinition back = SegmentParser.parse("x.yaml", SegmentWriter.yaml(d)).orThrow();
            assertThat(normal(back.where())).isEqualTo(normal(d.where()));
            assertThat(back.description()).isEqualTo(d.description());
        }
    }
}
