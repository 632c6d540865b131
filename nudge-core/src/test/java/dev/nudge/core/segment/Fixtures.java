package dev.nudge.core.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.core.segment.lang.SegmentParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Small builders shared by the segment tests. */
final class Fixtures {
    private Fixtures() {}

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    static SegmentDefinition def(String yaml) {
        return SegmentParser.parse("test.yaml", yaml).orThrow();
    }

    static SegmentCatalog catalog(String... yamls) {
        List<SegmentDefinition> defs = new ArrayList<>();
        for (String y : yamls) defs.add(def(y));
        return SegmentCatalog.of(defs);
    }

    static Event track(String name, Instant at, Map<String, Object> props) {
        return Event.track("m" + IDS.incrementAndGet(), "u1", name, props, at);
    }

    static Event track(String name, Instant at) {
        return track(name, at, Map.of());
    }

    static Event identify(Instant at, Map<String, Object> traits) {
        return new Event("m" + IDS.incrementAndGet(), EventType.IDENTIFY, "u1", null, null, Map.of(), traits, Map.of(), at, at, null, null);
    }

    static Profile profile(Map<String, Object> traits) {
        return Profile.empty("u1", "u1", null).withTraits(traits);
    }

    static Profile profile() {
        return Profile.empty("u1", "u1", null);
    }
}
