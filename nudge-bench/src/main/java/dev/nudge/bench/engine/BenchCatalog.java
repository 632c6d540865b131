package dev.nudge.bench.engine;

import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.segments.BenchSegments;
import dev.nudge.core.segment.SegmentCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live catalog of the engine benchmarks: the 20 benchmark segments (every condition kind of
 * the language, {@code bench-segments/}), optionally with extra probe segments the latency and timer
 * benchmarks need to cause a known transition.
 */
public final class BenchCatalog {
    private BenchCatalog() {}

    public static Map<String, String> benchTexts() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (BenchSegment s : BenchSegments.all()) texts.put(s.id() + ".yaml", s.yaml());
        if (texts.size() != 20) throw new IllegalStateException("expected the 20 benchmark segments, found " + texts.size());
        return texts;
    }

    public static SegmentCatalog twenty() {
        return SegmentCatalog.parse(benchTexts());
    }

    /** The 20 plus {@code extra} (file name → YAML text). */
    public static SegmentCatalog twentyPlus(Map<String, String> extra) {
        Map<String, String> texts = benchTexts();
        texts.putAll(extra);
        return SegmentCatalog.parse(texts);
    }
}
