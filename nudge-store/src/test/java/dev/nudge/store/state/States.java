package dev.nudge.store.state;

import dev.nudge.core.event.Event;
import dev.nudge.core.processor.Input;
import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.processor.SegmentProcessor;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Real profile states for the state tests: a step of a small catalog's processor over one event. */
final class States {
    static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    static final SegmentProcessor PROCESSOR = new SegmentProcessor(SegmentEngine.of(SegmentCatalog.parse(Map.of("recent.yaml", """
            id: recent
            name: Ordered in the last day
            where:
              event: Order Completed
              within: 1d
            """))));

    private States() {}

    /** The state of {@code id} after {@code n} orders, the last at {@code at}: in segment "recent", due a day after. */
    static ProfileState ordered(String id, int n, Instant at) {
        ProfileState s = ProfileState.empty(id).withIds(List.of(id), List.of());
        for (int i = 0; i < n; i++) {
            Event e = Event.track(id + "-m" + i, id, "Order Completed", Map.of(), at.minusSeconds(n - 1 - i));
            s = PROCESSOR.process(s, new Input.EventInput(e), at, HistorySource.NONE).state();
        }
        return s;
    }

    /** The parts every implementation keeps from a put (memberships are the transition log's: see ProfileStates). */
    static List<Object> kept(ProfileState s) {
        return s == null ? null : List.of(s.id(), s.userIds(), s.anonymousIds(), Map.copyOf(s.traits()), s.segments(),
                s.nextDue() == null ? "none" : s.nextDue().toEpochMilli());
    }
}
