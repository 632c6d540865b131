package dev.nudge.core.segment;

import java.util.Random;

/** Lets tests in other packages draw random catalogs. */
public final class RandomSegmentsAccess {
    private RandomSegmentsAccess() {}

    public static SegmentCatalog catalog(Random r) {
        return new RandomSegments(r).catalog(true);
    }
}
