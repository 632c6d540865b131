package dev.nudge.core.segment;

import dev.nudge.core.segment.lang.SegmentDefinition;
import java.util.Objects;

/**
 * A checked segment as part of a {@link SegmentCatalog}: its definition and its position in the
 * catalog's dependency order (referenced segments come first).
 */
public record CompiledSegment(int index, SegmentDefinition definition) {
    public CompiledSegment {
        Objects.requireNonNull(definition, "definition");
        if (index < 0) throw new IllegalArgumentException("index must be >= 0, got " + index);
    }

    public String id() {
        return definition.id();
    }
}
