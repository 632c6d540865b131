package dev.nudge.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds the incremental engine to the reference evaluator over random catalogs (every condition
 * kind), random histories (out-of-order and late events, trait changes, merges rebuilt from
 * history) and random clocks (timers
 * fired at their due instants, random probes between them). Checked at every step:
 * <ul>
 *   <li>memberships equal the reference at every event, trait change and due instant;</li>
 *   <li>at a random instant between two dues the engine's answer (unchanged) equals the
 *       reference — so no change point was missed;</li>
 *   <li>every transition is a real change at exactly its instant: the reference differs just
 *       before a TIME transition's due, and ENTERED/EXITED alternate per segment (exactly once);</li>
 *   <li>the state survives encode/decode.</li>
 * </ul>
 * Reproduce one case with {@code -Dsegment.seed=N -Dsegment.cases=1}.
 */
class SegmentEngineDifferentialTest {
    static final long BASE_SEED = Long.getLong("segment.seed", 20_261_129L);
    static final int CASES = Integer.getInteger("segment.cases", 10_000);

    @Test
    void engineMatchesReference_onRandomHistoriesDefinitionsAndClocks() {
        Map<String, Integer> stats = new java.util.TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Case c = new Case(seed, stats);
            try {
                c.run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (rerun with -Dsegment.seed=" + seed + " -Dsegment.cases=1)\ncatalog: "
                        + c.describe() + "\n" + e.getMessage() + (CASES == 1 ? "\n" + c.dump() : ""), e);
            }
        }
        System.out.println("segment differential: " + CASES + " cases from seed " + BASE_SEED + ", " + stats);
        assertTrue(stats.getOrDefault("states.withSpilledWindow", 0) > 50, "random cases must exercise spilled windows: " + stats);
        assertTrue(stats.getOrDefault("transitions.TIME", 0) > 1000, "random cases must exercise time-caused transitions: " + stats);
        assertTrue(stats.getOrDefault("transitions.EVENT", 0) > 1000, "random cases must exercise event-caused transitions: " + stats);
    }

    /**
     * Windowed sum/avg/min/max with a cap of 2–4 kept pairs, many events and late arrivals: the
     * spill-and-re-read path (summary of older events, history re-read when they start to expire).
     */
    @Test
    void engineMatchesReference_onSpilledWindowedAggregates() {
        Map<String, Integer> stats = new java.util.TreeMap<>();
        int cases = Math.max(1, CASES / 5);
        for (int i = 0; i < cases; i++) {
            long seed = BASE_SEED + 1_000_000 + i;
            Case c = new Case(seed, stats);
            c.spillFocus = true;
            try {
                c.run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("spill-focused seed " + seed + "\ncatalog: " + c.describe() + "\n" + e.getMessage() + "\n" + c.dump(), e);
            }
        }
        System.out.println("segment differential (spilled windows): " + cases + " cases, " + stats);
        assertTrue(stats.getOrDefault("states.withSpilledWindow", 0) > cases, "spill-focused cases must spill: " + stats);
    }

    private static final class Case {
        boolean spillFocus;
        final long seed;
        final Random r;
        final Map<String, Integer> stats;
        SegmentCatalog catalog;
        SegmentEngine engine;
        ReferenceEvaluator ref;
        Profile profile;
        final List<Event> history = new ArrayList<>();
        ProfileSegmentState state;
        final Set<String> members = new HashSet<>();
        int step;
        int ids;

        Case(long seed, Map<String, Integer> stats) {
            this.seed = seed;
            this.r = new Random(seed);
            this.stats = stats;
        }

        /** The whole scenario, printed when a single seed is rerun. */
        String dump() {
            StringBuilder b = new StringBuilder("traits: " + profile.traits() + "\nhistory (arrival order):\n");
            for (Event e : history) b.append("  ").append(e.timestamp()).append(' ').append(e.conditionName()).append(' ').append(e.properties()).append('\n');
            return b.toString();
        }

        String describe() {
            return catalog == null ? "?" : catalog.segments().stream().map(s -> s.id() + " = " + s.definition().where()).toList().toString();
        }

        void run() {
            RandomSegments g = new RandomSegments(r);
            catalog = spillFocus ? g.windowedAggregates() : g.catalog(r.nextInt(3) == 0);
            boolean forUsed = g.usedFor;
            // `for:` counts from the recorded entry (processing time), which equals event time only for in-order data
            boolean late = spillFocus || (!forUsed && r.nextBoolean());
            boolean traitChanges = !forUsed && !spillFocus;
            // a tiny window cap in half the cases, so windowed aggregates spill and re-read the history
            int windowCap = spillFocus || r.nextBoolean() ? 2 + r.nextInt(3) : IncrementalEngine.WINDOW_CAP;
            engine = new IncrementalEngine(catalog, windowCap);
            ref = new ReferenceEvaluator(catalog);
            profile = Profile.empty("u1", "u1", null).withTraits(randomTraits());
            boolean grid = r.nextBoolean();
            boolean lacksCurrent = spillFocus && r.nextBoolean();
            count(late ? "cases.late" : "cases.inOrder");
            count(grid ? "cases.grid" : "cases.anyMillisecond");
            Instant now = RandomSegments.T0.minus(Duration.ofMinutes(60));
            int n = spillFocus ? 20 + r.nextInt(30) : 3 + r.nextInt(16);
            for (step = 0; step < n; step++) {
                // half the cases on a 5-minute grid (durations are multiples of 5 minutes), so events land
                // exactly on window edges and deadlines and share timestamps; the rest at arbitrary milliseconds
                Instant before = now;
                int spread = spillFocus ? 600 : 2400;
                now = grid ? now.plusSeconds(300L * r.nextInt(spillFocus ? 3 : 8)) : now.plusSeconds(r.nextInt(spread)).plusMillis(r.nextInt(3) == 0 ? r.nextInt(1000) : 0);
                // Events sharing one instant are applied one at a time, so a segment can flip between them;
                // `for:` counts from the recorded entry, so with `for:` every event gets its own instant.
                if (forUsed && step > 0 && !now.isAfter(before)) now = before.plusSeconds(grid ? 300 : 1);
                fireUntil(now, false);
                Evaluation ev;
                if (late && r.nextInt(12) == 0) {
                    // a merge: another profile's events (any time up to now) join the history, then one rebuild
                    for (int k = 1 + r.nextInt(3); k > 0; k--) {
                        Event e = randomEvent(now.minusSeconds(grid ? 300L * r.nextInt(24) : r.nextInt(7200)), false);
                        history.add(e);
                    }
                    count("merges");
                    take(engine.rebuild(engine.memberships(state == null ? engine.initialState() : state), profile, () -> sorted(history), now, Cause.MERGE), now, Cause.MERGE);
                    continue;
                }
                if (traitChanges && r.nextInt(8) == 0) {
                    profile = profile.withTraits(randomTraits());
                    ev = engine.onTraitsChanged(state, profile, now, () -> history);
                } else {
                    Instant ts = late && r.nextInt(3) == 0 ? now.minusSeconds(grid ? 300L * r.nextInt(24) : r.nextInt(7200)) : now;
                    Event e = randomEvent(ts, traitChanges);
                    history.add(e);
                    profile = profile.withTraits(e.traits());
                    // the store may hand over its history with or without the event being processed
                    List<Event> given = lacksCurrent ? List.copyOf(history.subList(0, history.size() - 1)) : history;
                    ev = engine.onEvent(state, profile, e, now, () -> given);
                }
                take(ev, now, null);
                if (r.nextInt(4) == 0) {
                    ProfileSegmentState back = ProfileSegmentState.decode(state.encode());
                    assertEquals(engine.memberships(state), engine.memberships(back), "codec round trip changed memberships");
                    assertEquals(state.nextDue(), back.nextDue(), "codec round trip changed nextDue");
                    state = back;
                }
            }
            fireUntil(now.plus(Duration.ofHours(12)), true);
        }

        /** Fires every due before (or at) {@code limit} as a store would, probing a random instant before each. */
        void fireUntil(Instant limit, boolean inclusive) {
            while (state != null) {
                Instant due = state.nextDue();
                Instant end = due == null || due.isAfter(limit) ? limit : due;
                probe(state.asOf(), end);
                if (due == null || due.isAfter(limit) || (!inclusive && due.equals(limit))) return;
                take(engine.onTime(state, profile, due, () -> history), due, Cause.TIME);
            }
        }

        /** Between dues nothing may change: the engine's answer must match the reference anywhere in [from, to). */
        void probe(Instant from, Instant to) {
            long span = to.toEpochMilli() - from.toEpochMilli();
            if (span <= 0) return;
            Instant t = from.plusMillis(r.nextLong(span));
            for (CompiledSegment s : catalog.segments()) {
                assertEquals(ref.member(s, profile, history, t), members.contains(s.id()),
                        "probe at " + t + " (between " + from + " and the next due " + to + "), step " + step + ": segment " + s.id());
            }
            count("probes");
        }

        void take(Evaluation ev, Instant at, Cause expectedCause) {
            Instant prev = null;
            for (Transition tr : ev.transitions()) {
                if (prev != null) assertTrue(!tr.at().isBefore(prev), "transitions out of order: " + ev.transitions());
                prev = tr.at();
                boolean entered = tr.kind() == Transition.Kind.ENTERED;
                assertEquals(!entered, members.contains(tr.segmentId()), "not a real change (duplicate transition): " + tr);
                if (entered) members.add(tr.segmentId()); else members.remove(tr.segmentId());
                assertEquals(entered, ref.member(tr.segmentId(), profile, history, tr.at()), "reference disagrees at the transition instant: " + tr);
                if (tr.cause() == Cause.TIME) {
                    assertEquals(!entered, ref.member(tr.segmentId(), profile, history, tr.at().minusMillis(1)),
                            "a time-caused transition must be stamped with the exact instant of change: " + tr);
                }
                if (expectedCause != null) {
                    assertEquals(expectedCause, tr.cause(), "cause of " + tr);
                    assertEquals(at, tr.at(), "a timer's transitions carry its due instant: " + tr);
                } else {
                    assertEquals(at, tr.at(), "an event's transitions happen at now: " + tr);
                }
                count("transitions." + tr.cause());
            }
            state = ev.newState();
            for (LeafState l : state.leaves) if (l instanceof LeafState.Spilled) count("states.withSpilledWindow");
            assertEquals(new TreeSet<>(members), new TreeSet<>(engine.memberships(state).keySet()), "transitions and state disagree");
            for (CompiledSegment s : catalog.segments()) {
                assertEquals(ref.member(s, profile, history, at), members.contains(s.id()), "at " + at + ", step " + step + ": segment " + s.id());
            }
            count("checks");
        }

        static List<Event> sorted(List<Event> h) {
            List<Event> c = new ArrayList<>(h);
            c.sort(java.util.Comparator.comparing(Event::timestamp));
            return c;
        }

        Map<String, Object> randomTraits() {
            return RandomSegments.traits(r);
        }

        Event randomEvent(Instant ts, boolean traitChanges) {
            String id = "e" + (++ids);
            if (traitChanges && r.nextInt(10) == 0) {
                Map<String, Object> traits = new HashMap<>(randomTraits());
                traits.values().removeIf(java.util.Objects::isNull);
                return new Event(id, EventType.IDENTIFY, "u1", null, null, Map.of(), traits, Map.of(), ts, ts, null, null);
            }
            Map<String, Object> props = new HashMap<>();
            props.put("k", (long) (1 + r.nextInt(3)));
            if (r.nextInt(5) > 0) props.put("v", (long) r.nextInt(6));
            if (r.nextBoolean()) props.put("cat", List.of("x", "xy", "y").get(r.nextInt(3)));
            if (r.nextInt(3) == 0) props.put("when", RandomSegments.T0.plus(Duration.ofMinutes(r.nextInt(480) - 60)).toString());
            String name = spillFocus && r.nextInt(4) > 0 ? "A" : RandomSegments.NAMES.get(r.nextInt(3));
            return Event.track(id, "u1", name, props, ts);
        }

        void count(String key) {
            stats.merge(key, 1, Integer::sum);
        }
    }
}
