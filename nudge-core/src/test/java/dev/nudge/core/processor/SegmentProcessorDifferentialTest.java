package dev.nudge.core.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.CompiledSegment;
import dev.nudge.core.segment.Evaluation;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.segment.RandomSegmentsAccess;
import dev.nudge.core.segment.ReferenceEvaluator;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Holds the processor to the segment engine called directly, the way the store's runtime called it
 * before the processor existed (the oracle below), and both to the reference evaluator, over random
 * catalogs, random histories (late events, identifies, computed-trait changes, merges) and catalog
 * changes (a definition change, or a stale state met by the next event, trait change or due).
 * Checked at every step: the same transitions in the same order, the same segment state, next due
 * and memberships; memberships equal the reference at the step's instant; every transition of this
 * profile in a segment the catalog has is a real change per the reference. Every few steps the state
 * goes through {@link ProfileStateCodec} and the run continues from the decoded one.
 * Reproduce one case with {@code -Dprocessor.seed=N -Dprocessor.cases=1}.
 */
class SegmentProcessorDifferentialTest {
    static final long BASE_SEED = Long.getLong("processor.seed", 20_261_203L);
    static final int CASES = Integer.getInteger("processor.cases", 1_500);

    @Test
    void process_matchesTheEngineCalledDirectly_andTheReference_onRandomHistoriesAndCatalogChanges() {
        Map<String, Integer> stats = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Case c = new Case(seed, stats);
            try {
                c.run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (rerun with -Dprocessor.seed=" + seed + " -Dprocessor.cases=1), step " + c.step
                        + "\n" + e.getMessage(), e);
            }
        }
        System.out.println("processor differential: " + CASES + " cases from seed " + BASE_SEED + ", " + stats);
        for (String k : List.of("inputs.EventInput", "inputs.DueInput", "inputs.TraitsChanged", "inputs.MergeInput", "inputs.DefinitionChange",
                "stale.rebuilt", "transitions.TIME", "transitions.EVENT", "transitions.BACKFILL", "transitions.MERGE", "codec.roundTrips")) {
            assertTrue(stats.getOrDefault(k, 0) > 20, "random cases must exercise " + k + ": " + stats);
        }
    }

    private static final class Case {
        final Random r;
        final Map<String, Integer> stats;
        SegmentEngine engine;
        SegmentProcessor processor;
        ReferenceEvaluator ref;
        Profile profile;
        final List<Event> history = new ArrayList<>();
        int step;
        int ids;
        // the processor's side
        ProfileState state;
        // the oracle's side: the engine's state and the catalog-independent memberships (the store's pm/ index)
        ProfileSegmentState direct;
        final Map<String, Instant> pm = new LinkedHashMap<>();

        Case(long seed, Map<String, Integer> stats) {
            this.r = new Random(seed);
            this.stats = stats;
        }

        void run() {
            use(RandomSegmentsAccess.catalogWithoutFor(r));
            profile = Profile.empty("u1", "u1", null).withTraits(RandomSegmentsAccess.traits(r));
            state = ProfileState.empty("u1").withIds(List.of("u1"), List.of()).withTraits(Traits.of(profile.traits()));
            Instant now = RandomSegmentsAccess.T0.minus(Duration.ofMinutes(60));
            int n = 3 + r.nextInt(16);
            for (step = 0; step < n; step++) {
                now = now.plusSeconds(r.nextBoolean() ? 300L * r.nextInt(8) : r.nextInt(2400)).plusMillis(r.nextInt(3) == 0 ? r.nextInt(1000) : 0);
                fireUntil(now, false);
                int k = r.nextInt(20);
                if (k == 0) {
                    for (int j = 1 + r.nextInt(3); j > 0; j--) history.add(randomEvent(now.minusSeconds(r.nextInt(7200))));
                    Map<String, Instant> from = new LinkedHashMap<>();
                    for (String s : List.of("s0", "s2", "gone")) if (r.nextBoolean()) from.put(s, now.minusSeconds(r.nextInt(3600)));
                    take(new Input.MergeInput("a1", from), now);
                } else if (k == 1) {
                    use(RandomSegmentsAccess.catalogWithoutFor(r)); // a new catalog; half the time the next input meets the stale state
                    if (r.nextBoolean()) take(new Input.DefinitionChange(), now);
                } else if (k <= 3) {
                    profile = profile.withTraits(RandomSegmentsAccess.traits(r));
                    state = state.withTraits(Traits.of(profile.traits()));
                    take(new Input.TraitsChanged(), now);
                } else {
                    Instant ts = r.nextInt(3) == 0 ? now.minusSeconds(r.nextInt(7200)) : now;
                    Event e = randomEvent(ts);
                    history.add(e);
                    profile = profile.withTraits(e.traits());
                    state = state.withTraits(Traits.of(profile.traits()));
                    take(new Input.EventInput(e), now);
                }
                if (r.nextInt(4) == 0) {
                    byte[] bytes = ProfileStateCodec.encode(state);
                    ProfileState back = ProfileStateCodec.decode(bytes);
                    assertEquals(state, back, "codec round trip");
                    state = back;
                    count("codec.roundTrips");
                }
            }
            fireUntil(now.plus(Duration.ofHours(12)), true);
        }

        void use(SegmentCatalog catalog) {
            engine = SegmentEngine.of(catalog);
            processor = new SegmentProcessor(engine);
            ref = new ReferenceEvaluator(catalog);
        }

        void fireUntil(Instant limit, boolean inclusive) {
            while (true) {
                Instant due = state.nextDue();
                assertEquals(direct == null ? null : direct.nextDue(), due, "next due");
                if (due == null || due.isAfter(limit) || (!inclusive && due.equals(limit))) return;
                take(new Input.DueInput(due), due);
            }
        }

        void take(Input in, Instant now) {
            count("inputs." + in.getClass().getSimpleName());
            boolean stale = state.segments() != null && !processor.current(state);
            Step s = processor.process(state, in, now, () -> history);
            List<Transition> expected = oracle(in, now);
            assertEquals(expected, s.transitions(), "transitions of " + in);
            assertEquals(direct, s.state().segments(), "segment state after " + in);
            assertEquals(direct == null ? null : direct.nextDue(), s.state().nextDue(), "next due after " + in);
            assertEquals(pm, s.state().memberships().asMap(), "memberships after " + in);
            assertTrue(s.sends().isEmpty() && s.webhooks().isEmpty(), "segments produce no sends or webhook calls");
            if (stale && !s.transitions().isEmpty() || stale && in instanceof Input.DefinitionChange) count("stale.rebuilt");
            state = s.state();
            Instant at = in instanceof Input.EventInput e && e.event().timestamp().isAfter(now) ? e.event().timestamp() : now;
            for (Transition t : s.transitions()) {
                count("transitions." + t.cause());
                if (!t.profileId().equals("u1") || engine.catalog().get(t.segmentId()) == null) continue;
                assertEquals(t.kind() == Transition.Kind.ENTERED, ref.member(t.segmentId(), profile, history, t.at()), "reference at " + t);
            }
            if (direct == null) return; // a stale due for a never-evaluated profile, or a definition change before any input
            for (CompiledSegment seg : engine.catalog().segments()) {
                assertEquals(ref.member(seg, profile, history, at), pm.containsKey(seg.id()), "reference at " + at + " for " + seg.id() + " after " + in);
            }
        }

        /** What the store's runtime did before the processor: the engine, called directly. */
        List<Transition> oracle(Input in, Instant now) {
            boolean current = direct != null && direct.catalogFingerprint() == engine.catalog().fingerprint();
            boolean incremental = direct == null || current;
            List<Transition> out = new ArrayList<>();
            Evaluation ev;
            switch (in) {
                case Input.EventInput e -> {
                    Instant t = now.isAfter(e.event().timestamp()) ? now : e.event().timestamp();
                    ev = incremental ? engine.onEvent(direct, profile, e.event(), t, () -> history) : rebuild(t, Cause.BACKFILL, out);
                }
                case Input.TraitsChanged tc -> ev = incremental ? engine.onTraitsChanged(direct, profile, now, () -> history) : rebuild(now, Cause.BACKFILL, out);
                case Input.DueInput d -> {
                    if (direct == null) return out;
                    ev = current ? engine.onTime(direct, profile, d.due(), () -> history) : rebuild(now.isAfter(d.due()) ? now : d.due(), Cause.BACKFILL, out);
                }
                case Input.MergeInput m -> {
                    m.fromMemberships().keySet().forEach(s -> out.add(new Transition(m.fromId(), s, Transition.Kind.EXITED, now, Cause.MERGE)));
                    ev = rebuild(now, Cause.MERGE, out);
                }
                case Input.DefinitionChange dc -> {
                    if (current) return out;
                    ev = rebuild(now, Cause.BACKFILL, out);
                }
                case Input.FlowStart fs -> { return out; }
                case Input.FlowResumed fr -> { return out; }
            }
            out.addAll(ev.transitions());
            direct = ev.newState();
            for (Transition t : out) {
                if (!t.profileId().equals("u1")) continue;
                if (t.kind() == Transition.Kind.ENTERED) pm.put(t.segmentId(), t.at()); else pm.remove(t.segmentId());
            }
            return out;
        }

        Evaluation rebuild(Instant now, Cause cause, List<Transition> out) {
            Evaluation ev = engine.rebuild(new LinkedHashMap<>(pm), profile, () -> history, now, cause);
            for (String s : pm.keySet()) if (engine.catalog().get(s) == null) out.add(new Transition("u1", s, Transition.Kind.EXITED, now, cause));
            return ev;
        }

        Event randomEvent(Instant ts) {
            String id = "e" + (++ids);
            if (r.nextInt(10) == 0) {
                Map<String, Object> traits = new HashMap<>(RandomSegmentsAccess.traits(r));
                traits.values().removeIf(java.util.Objects::isNull);
                return new Event(id, EventType.IDENTIFY, "u1", null, null, Map.of(), traits, Map.of(), ts, ts, null, null);
            }
            Map<String, Object> props = new HashMap<>();
            props.put("k", (long) (1 + r.nextInt(3)));
            if (r.nextInt(5) > 0) props.put("v", (long) r.nextInt(6));
            if (r.nextBoolean()) props.put("cat", List.of("x", "xy", "y").get(r.nextInt(3)));
            return Event.track(id, "u1", RandomSegmentsAccess.NAMES.get(r.nextInt(3)), props, ts);
        }

        void count(String key) {
            stats.merge(key, 1, Integer::sum);
        }
    }
}
