package dev.nudge.core.segment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Lets tests in other packages draw random catalogs, traits and the vocabulary they use. */
public final class RandomSegmentsAccess {
    private RandomSegmentsAccess() {}

    /** The instant random conditions are centred on. */
    public static final Instant T0 = RandomSegments.T0;
    /** The event names random conditions mention. */
    public static final List<String> NAMES = RandomSegments.NAMES;

    public static SegmentCatalog catalog(Random r) {
        return new RandomSegments(r).catalog(true);
    }

    /**
     * A random catalog without {@code for:} (which counts from processing time, so late events and
     * trait changes may legitimately differ from the reference).
     */
    public static SegmentCatalog catalogWithoutFor(Random r) {
        return new RandomSegments(r).catalog(false);
    }

    /** Random values for the traits random conditions read; nulls mean "absent". */
    public static Map<String, Object> traits(Random r) {
        return RandomSegments.traits(r);
    }
}
