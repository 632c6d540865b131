package dev.nudge.core.segment;

import static dev.nudge.core.segment.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.lang.ParseResult;
import dev.nudge.core.segment.lang.SegmentParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultSegmentsTest {
    static final Set<String> TIERS = Set.of("engagement-high", "engagement-medium", "engagement-low", "engagement-inactive");

    @Test
    void everyShippedSegment_parsesValidatesAndFormsACatalog() {
        DefaultSegments.texts().forEach((file, text) -> {
            ParseResult r = SegmentParser.parse(file, text);
            assertThat(r.issues()).as(file).isEmpty();
            assertThat(r.definition().id() + ".yaml").isEqualTo(file);
            assertThat(r.definition().description()).as(file + " documents itself").isNotBlank();
        });
        SegmentCatalog c = DefaultSegments.catalog();
        assertThat(c.size()).isEqualTo(13);
        assertThat(c.get("engagement-inactive").index()).isGreaterThan(c.get("engagement-low").index()); // dependency order
    }

    /** The four tiers partition profiles: exactly one holds at every instant, whatever happens. */
    @Test
    void engagementTiers_everyProfileInExactlyOneTier_overRandomActivityAndTime() {
        SegmentEngine engine = SegmentEngine.of(DefaultSegments.catalog());
        ReferenceEvaluator ref = new ReferenceEvaluator(engine.catalog());
        long seed = 77L;
        Random r = new Random(seed);
        List<String> names = List.of("Email Opened", "Email Link Clicked", "page", "screen", "Order Completed", "Email Delivered");
        for (int p = 0; p < 30; p++) {
            Profile profile = Fixtures.profile(Map.of("email", "p@example.com"));
            List<Event> history = new ArrayList<>();
            ProfileSegmentState state = null;
            Instant now = T0;
            for (int i = 0; i < 25; i++) {
                now = now.plus(Duration.ofHours(r.nextInt(24 * 40)));
                while (state != null && state.nextDue() != null && state.nextDue().isBefore(now)) {
                    state = engine.onTime(state, profile, state.nextDue(), () -> history).newState();
                    assertOneTier(engine, state, "seed " + seed + " profile " + p + " at a due");
                }
                String name = names.get(r.nextInt(names.size()));
                Map<String, Object> props = new HashMap<>();
                if (name.startsWith("Email") && r.nextInt(3) == 0) props.put("machine", true);
                if (name.equals("Order Completed")) props.put("revenue", (long) r.nextInt(500));
                EventType type = name.equals("page") ? EventType.PAGE : name.equals("screen") ? EventType.SCREEN : EventType.TRACK;
                Event e = new Event("m" + p + "-" + i, type, "u1", null, type == EventType.TRACK ? name : null, props, Map.of(), Map.of(), now, now, null, null);
                history.add(e);
                state = engine.onEvent(state, profile, e, now, () -> history).newState();
                assertOneTier(engine, state, "seed " + seed + " profile " + p + " step " + i);
                for (String id : TIERS) {
                    assertThat(engine.memberships(state).containsKey(id)).as("seed %d %s at %s", seed, id, now).isEqualTo(ref.member(id, profile, history, now));
                }
            }
        }
    }

    private static void assertOneTier(SegmentEngine engine, ProfileSegmentState s, String where) {
        assertThat(engine.memberships(s).keySet().stream().filter(TIERS::contains).count()).as(where).isEqualTo(1);
    }

    @Test
    void machineOpens_doNotMakeAnyoneEngaged() {
        SegmentEngine engine = SegmentEngine.of(DefaultSegments.catalog());
        Profile profile = Fixtures.profile(Map.of("email", "p@example.com"));
        List<Event> h = new ArrayList<>();
        ProfileSegmentState s = null;
        for (int i = 0; i < 10; i++) {
            Event e = Fixtures.track("Email Opened", T0.plusSeconds(i), Map.of("machine", true));
            h.add(e);
            s = engine.onEvent(s, profile, e, e.timestamp(), () -> h).newState();
        }
        assertThat(engine.memberships(s)).containsOnlyKeys("engagement-inactive");
        Event human = Fixtures.track("Email Opened", T0.plusSeconds(20), Map.of());
        h.add(human);
        s = engine.onEvent(s, profile, human, human.timestamp(), () -> h).newState();
        assertThat(engine.memberships(s)).containsOnlyKeys("engagement-low", "engaged-30d");
    }

    @Test
    void abandonedCheckout_default_entersOneHourAfterCheckoutForSubscribedProfiles() {
        SegmentEngine engine = SegmentEngine.of(DefaultSegments.catalog());
        Profile profile = Fixtures.profile(Map.of("email", "p@example.com", "consent", Map.of("email", "subscribed")));
        Event cs = Fixtures.track("Checkout Started", T0, Map.of("checkout_id", "k1"));
        Evaluation ev = engine.onEvent(null, profile, cs, T0, () -> List.of(cs));
        assertThat(ev.nextDue()).isEqualTo(T0.plus(Duration.ofHours(1)));
        Evaluation fired = engine.onTime(ev.newState(), profile, ev.nextDue(), () -> List.of(cs));
        assertThat(fired.transitions()).extracting(Transition::segmentId, Transition::kind, Transition::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("abandoned-checkout-1h", Transition.Kind.ENTERED, T0.plus(Duration.ofHours(1))));
        assertThat(fired.nextDue()).isEqualTo(T0.plus(Duration.ofDays(7))); // leaves when the checkout is a week old
    }
}
