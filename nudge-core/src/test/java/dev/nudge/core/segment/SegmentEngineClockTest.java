package dev.nudge.core.segment;

import static dev.nudge.core.segment.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.Transition.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact time-caused behavior on a controllable clock: the time is whatever the test passes in. */
class SegmentEngineClockTest {

    /** Drives one profile like the store would: events at their time, timers at their due instants. */
    static final class Driver {
        final SegmentEngine engine;
        final ReferenceEvaluator ref;
        Profile profile;
        ProfileSegmentState state;
        final List<Event> history = new ArrayList<>();
        final List<Transition> transitions = new ArrayList<>();

        Driver(SegmentCatalog c, Profile p) {
            engine = SegmentEngine.of(c);
            ref = new ReferenceEvaluator(c);
            profile = p;
        }

        /** Fires every timer due before {@code now}, then delivers the event at {@code now}. */
        void event(Event e, Instant now) {
            runUntil(now, false);
            history.add(e);
            take(engine.onEvent(state, profile, e, now, () -> history));
        }

        void runUntil(Instant t, boolean inclusive) {
            while (state != null && state.nextDue() != null
                    && (state.nextDue().isBefore(t) || (inclusive && state.nextDue().equals(t)))) {
                take(engine.onTime(state, profile, state.nextDue(), () -> history));
            }
        }

        void take(Evaluation ev) {
            state = ev.newState();
            transitions.addAll(ev.transitions());
        }

        boolean refMember(String id, Instant t) {
            return ref.member(id, profile, history, t);
        }
    }

    @Test
    void windowedCount_memberLeavesExactlyWhenLastQualifyingEventAgesOut() {
        Driver d = new Driver(Fixtures.catalog("{id: opened-30d, name: o, where: {event: Email Opened, within: 30d}}"), Fixtures.profile());
        d.event(Fixtures.track("Email Opened", T0), T0);
        Instant second = T0.plus(Duration.ofDays(5));
        d.event(Fixtures.track("Email Opened", second), second);
        Instant ageOut = second.plus(Duration.ofDays(30));
        // ">= 1" needs only the latest open, so the first open's expiry is not even a timer
        assertThat(d.state.nextDue()).isEqualTo(ageOut);
        d.runUntil(ageOut.plusSeconds(3600), true);
        assertThat(d.transitions).extracting(Transition::kind, Transition::at, Transition::cause).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.ENTERED, T0, Cause.EVENT),
                org.assertj.core.groups.Tuple.tuple(Kind.EXITED, ageOut, Cause.TIME));
        assertThat(d.refMember("opened-30d", ageOut.minusMillis(1))).isTrue();
        assertThat(d.refMember("opened-30d", ageOut)).isFalse();
        assertThat(d.state.nextDue()).isNull();
    }

    @Test
    void inactivity_enteredExactlyAtLastEventPlusThreshold() {
        Driver d = new Driver(Fixtures.catalog("{id: inactive-90d, name: i, where: {last: page, older_than: 90d}}"), Fixtures.profile());
        d.event(Fixtures.track("page", T0), T0); // a track named "page" is not a page call; use a page-like track name instead
        d.event(new Event("p1", dev.nudge.core.event.EventType.PAGE, "u1", null, null, Map.of(), Map.of(), Map.of(), T0, T0, null, null), T0);
        Instant threshold = T0.plus(Duration.ofDays(90));
        assertThat(d.state.nextDue()).isEqualTo(threshold);
        d.runUntil(threshold, true);
        assertThat(d.transitions).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(Kind.ENTERED);
            assertThat(t.at()).isEqualTo(threshold);
            assertThat(t.cause()).isEqualTo(Cause.TIME);
        });
        Instant back = threshold.plus(Duration.ofDays(2));
        d.event(new Event("p2", dev.nudge.core.event.EventType.PAGE, "u1", null, null, Map.of(), Map.of(), Map.of(), back, back, null, null), back);
        assertThat(d.transitions.get(1)).extracting(Transition::kind, Transition::at, Transition::cause).containsExactly(Kind.EXITED, back, Cause.EVENT);
    }

    static final String ABANDONED = """
            id: abandoned
            name: Started checkout, did not buy
            where:
              sequence:
                - event: Checkout Started
                - not_followed_by: Order Completed
                  within: 1h
                  same: [checkout_id]
            """;

    @Test
    void abandonedCheckout_entersExactlyOneHourAfterCheckoutStarted() {
        Driver d = new Driver(Fixtures.catalog(ABANDONED), Fixtures.profile());
        d.event(Fixtures.track("Checkout Started", T0, Map.of("checkout_id", "c1")), T0);
        // an order for another checkout does not count
        d.event(Fixtures.track("Order Completed", T0.plusSeconds(600), Map.of("checkout_id", "c2")), T0.plusSeconds(600));
        d.runUntil(T0.plus(Duration.ofHours(5)), true);
        assertThat(d.transitions).extracting(Transition::kind, Transition::at, Transition::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.ENTERED, T0.plus(Duration.ofHours(1)), Cause.TIME));
        assertThat(d.refMember("abandoned", T0.plus(Duration.ofHours(1)).minusMillis(1))).isFalse();
    }

    @Test
    void abandonedCheckout_orderWithSameCheckoutIdFirst_neverEnters() {
        Driver d = new Driver(Fixtures.catalog(ABANDONED), Fixtures.profile());
        d.event(Fixtures.track("Checkout Started", T0, Map.of("checkout_id", "c1")), T0);
        d.event(Fixtures.track("Order Completed", T0.plusSeconds(3599), Map.of("checkout_id", "c1")), T0.plusSeconds(3599));
        d.runUntil(T0.plus(Duration.ofDays(3)), true);
        assertThat(d.transitions).isEmpty();
        assertThat(d.state.nextDue()).isNull();
    }

    @Test
    void lateEvent_givesTheSameStateAsInOrder() {
        SegmentCatalog c = Fixtures.catalog("{id: twice, name: t, where: {event: Product Viewed, within: 30d, count: \">= 2\"}}");
        Event early = Fixtures.track("Product Viewed", T0.minus(Duration.ofDays(10)));
        Event now = Fixtures.track("Product Viewed", T0);
        Driver inOrder = new Driver(c, Fixtures.profile());
        inOrder.event(early, early.timestamp());
        inOrder.event(now, T0);
        Driver late = new Driver(c, Fixtures.profile());
        late.event(now, T0);
        late.event(early, T0.plusSeconds(60)); // arrives a minute late, stamped ten days ago
        assertThat(late.engine.memberships(late.state)).containsOnlyKeys("twice");
        assertThat(late.state.nextDue()).isEqualTo(inOrder.state.nextDue()).isEqualTo(T0.plus(Duration.ofDays(20)));
        late.runUntil(T0.plus(Duration.ofDays(40)), true);
        inOrder.runUntil(T0.plus(Duration.ofDays(40)), true);
        assertThat(late.transitions.getLast()).isEqualTo(inOrder.transitions.getLast());
        assertThat(late.transitions.getLast().at()).isEqualTo(T0.plus(Duration.ofDays(20)));
    }

    @Test
    void segmentOfSegment_withFor_entersAfterTheDurationAndLeavesWithIt() {
        SegmentCatalog c = Fixtures.catalog(
                "{id: loyal, name: l, where: {segment: buyer-30d, for: 7d}}",
                "{id: buyer-30d, name: b, where: {event: Order Completed, within: 30d}}");
        Driver d = new Driver(c, Fixtures.profile());
        d.event(Fixtures.track("Order Completed", T0), T0);
        d.runUntil(T0.plus(Duration.ofDays(60)), true);
        assertThat(d.transitions).extracting(Transition::segmentId, Transition::kind, Transition::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("buyer-30d", Kind.ENTERED, T0),
                org.assertj.core.groups.Tuple.tuple("loyal", Kind.ENTERED, T0.plus(Duration.ofDays(7))),
                org.assertj.core.groups.Tuple.tuple("buyer-30d", Kind.EXITED, T0.plus(Duration.ofDays(30))),
                org.assertj.core.groups.Tuple.tuple("loyal", Kind.EXITED, T0.plus(Duration.ofDays(30))));
        assertThat(d.refMember("loyal", T0.plus(Duration.ofDays(7)).minusMillis(1))).isFalse();
        assertThat(d.refMember("loyal", T0.plus(Duration.ofDays(7)))).isTrue();
    }

    @Test
    void merge_reEvaluatesOnce_oneTransitionPerRealChange() {
        SegmentCatalog c = Fixtures.catalog(
                "{id: buyers, name: b, where: {event: Order Completed}}",
                "{id: browsers, name: v, where: {event: Product Viewed}}",
                "{id: repeat, name: r, where: {event: Order Completed, count: \">= 2\"}}");
        SegmentEngine engine = SegmentEngine.of(c);
        // known profile bought once; the anonymous one viewed a product and bought once
        List<Event> known = List.of(Fixtures.track("Order Completed", T0));
        List<Event> anon = List.of(Fixtures.track("Product Viewed", T0.plusSeconds(10)), Fixtures.track("Order Completed", T0.plusSeconds(20)));
        Evaluation k = engine.rebuild(Fixtures.profile(), () -> known, T0.plusSeconds(30), Cause.BACKFILL);
        assertThat(engine.memberships(k.newState())).containsOnlyKeys("buyers");
        List<Event> merged = new ArrayList<>(known);
        merged.addAll(anon);
        Instant now = T0.plusSeconds(40);
        Evaluation m = engine.rebuild(engine.memberships(k.newState()), Fixtures.profile(), () -> merged, now, Cause.MERGE);
        assertThat(m.transitions()).extracting(Transition::segmentId, Transition::kind, Transition::at, Transition::cause).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("browsers", Kind.ENTERED, now, Cause.MERGE),
                org.assertj.core.groups.Tuple.tuple("repeat", Kind.ENTERED, now, Cause.MERGE));
        Evaluation again = engine.rebuild(engine.memberships(m.newState()), Fixtures.profile(), () -> merged, now, Cause.MERGE);
        assertThat(again.transitions()).isEmpty();
        assertThat(engine.memberships(m.newState()).get("repeat")).isEqualTo(T0.plusSeconds(20)); // since = event time of the second order
    }

    @Test
    void stateCodec_roundTripsExactly() {
        Driver d = new Driver(Fixtures.catalog(ABANDONED, "{id: v, name: v, where: {event: Order Completed, within: 7d, sum: revenue, value: \">= 10\"}}"), Fixtures.profile());
        d.event(Fixtures.track("Checkout Started", T0, Map.of("checkout_id", "c1")), T0);
        d.event(Fixtures.track("Order Completed", T0.plusSeconds(5), Map.of("checkout_id", "c9", "revenue", 12.5)), T0.plusSeconds(5));
        byte[] bytes = d.state.encode();
        ProfileSegmentState back = ProfileSegmentState.decode(bytes);
        assertThat(back.encode()).isEqualTo(bytes);
        assertThat(back.nextDue()).isEqualTo(d.state.nextDue());
        assertThat(d.engine.memberships(back)).isEqualTo(d.engine.memberships(d.state));
    }

    @Test
    void windowedSum_overManyEvents_staysBounded_andLeavesExactlyWhenTheSumDropsBelow() {
        // 120 orders of 10, one a day: the 30-day sum is 300 (>= 250) from day 24 on
        Driver d = new Driver(Fixtures.catalog("{id: spender, name: s, where: {event: Order Completed, within: 30d, sum: revenue, value: \">= 250\"}}"), Fixtures.profile());
        for (int i = 0; i < 120; i++) {
            Instant at = T0.plus(Duration.ofDays(i));
            d.event(Fixtures.track("Order Completed", at, Map.of("revenue", 10)), at);
            assertThat(d.state.encode().length).as("state after %d orders", i + 1).isLessThan(200);
        }
        Instant last = T0.plus(Duration.ofDays(119));
        d.runUntil(last.plus(Duration.ofDays(40)), true);
        // the sum falls to 240 when the order of day 95 (the 25th newest) ages out: day 95 + 30 days
        Instant exit = T0.plus(Duration.ofDays(95 + 30));
        assertThat(d.transitions).extracting(Transition::kind, Transition::at, Transition::cause).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.ENTERED, T0.plus(Duration.ofDays(24)), Cause.EVENT),
                org.assertj.core.groups.Tuple.tuple(Kind.EXITED, exit, Cause.TIME));
        assertThat(d.refMember("spender", exit.minusMillis(1))).isTrue();
        assertThat(d.refMember("spender", exit)).isFalse();
    }
}
