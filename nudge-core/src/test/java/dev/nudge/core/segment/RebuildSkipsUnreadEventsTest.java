package dev.nudge.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The promise of {@link SegmentEngine#reads}: a rebuild over a history without the events no
 * condition reads — keeping the earliest event and every event that carries traits — gives the very
 * same state (leaf states, memberships with their "since", next due) as over the whole history.
 * Stores rely on it to skip decoding those events during backfill. Random catalogs over events A, B,
 * C, random histories that add events nobody reads (Z, pages, screens), random evaluation instants.
 * Reproduce one case with {@code -Dsegment.seed=N -Dsegment.cases=1}.
 */
class RebuildSkipsUnreadEventsTest {
    static final long BASE_SEED = Long.getLong("segment.seed", 77_000_000L);
    static final int CASES = Integer.getInteger("segment.cases", 3_000);

    @Test
    void rebuildWithoutUnreadEvents_equalsRebuildOverTheWholeHistory() {
        int dropped = 0, droppedFirstCandidates = 0;
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Random r = new Random(seed);
            RandomSegments g = new RandomSegments(r);
            SegmentCatalog catalog = g.catalog(r.nextInt(3) == 0);
            SegmentEngine engine = new IncrementalEngine(catalog, r.nextBoolean() ? 2 + r.nextInt(3) : IncrementalEngine.WINDOW_CAP);
            Profile profile = Profile.empty("u1", "u1", null).withTraits(RandomSegments.traits(r));
            List<Event> history = new ArrayList<>();
            int n = r.nextInt(30);
            for (int k = 0; k < n; k++) history.add(event(r, "e" + k));
            history.sort(Comparator.comparing(Event::timestamp)); // the store's key order: time, then id
            List<Event> kept = new ArrayList<>();
            for (int k = 0; k < history.size(); k++) {
                Event e = history.get(k);
                if (k == 0 || e.type() == EventType.IDENTIFY || !e.traits().isEmpty() || engine.reads(e.conditionName())) kept.add(e);
                else if (k == 1) droppedFirstCandidates++;
            }
            dropped += history.size() - kept.size();
            Instant now = RandomSegments.T0.plus(Duration.ofMinutes(r.nextInt(900) - 200));
            Evaluation whole = engine.rebuild(Map.of(), profile, () -> history, now, Cause.BACKFILL);
            Evaluation skipping = engine.rebuild(Map.of(), profile, () -> kept, now, Cause.BACKFILL);
            String where = "seed " + seed + " (rerun with -Dsegment.seed=" + seed + " -Dsegment.cases=1)\ncatalog: "
                    + catalog.segments().stream().map(s -> s.id() + " = " + s.definition().where()).toList() + "\nhistory: "
                    + history.stream().map(e -> e.timestamp() + " " + e.conditionName()).toList() + "\nnow " + now;
            assertEquals(engine.memberships(whole.newState()), engine.memberships(skipping.newState()), where);
            assertEquals(whole.nextDue(), skipping.nextDue(), where);
            assertEquals(whole.newState(), skipping.newState(), "encoded states differ; " + where);
            assertEquals(whole.transitions(), skipping.transitions(), where);
        }
        assertTrue(dropped > CASES * 3, "the histories must contain events no condition reads: dropped " + dropped);
        assertTrue(droppedFirstCandidates > 100, "unread events right after the first must occur: " + droppedFirstCandidates);
    }

    private static Event event(Random r, String id) {
        Instant ts = RandomSegments.T0.plus(Duration.ofMinutes(r.nextInt(600) - 180)).plusMillis(r.nextInt(3) == 0 ? r.nextInt(60_000) : 0);
        int kind = r.nextInt(10);
        if (kind == 0) {
            Map<String, Object> t = RandomSegments.traits(r);
            t.values().removeIf(java.util.Objects::isNull);
            return new Event(id, EventType.IDENTIFY, "u1", null, null, Map.of(), t, Map.of(), ts, ts, null, null);
        }
        if (kind == 1) return new Event(id, EventType.PAGE, "u1", null, "Home", Map.of("path", "/"), Map.of(), Map.of(), ts, ts, null, null);
        if (kind == 2) return new Event(id, EventType.SCREEN, "u1", null, "Cart", Map.of(), Map.of(), Map.of(), ts, ts, null, null);
        Map<String, Object> props = new HashMap<>();
        props.put("k", (long) (1 + r.nextInt(3)));
        if (r.nextInt(5) > 0) props.put("v", (long) r.nextInt(6));
        if (r.nextBoolean()) props.put("cat", List.of("x", "xy", "y").get(r.nextInt(3)));
        String name = kind <= 5 ? "Z" : RandomSegments.NAMES.get(r.nextInt(3));
        return Event.track(id, "u1", name, props, ts);
    }
}
