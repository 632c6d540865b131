package dev.nudge.core.segment;

import static dev.nudge.core.segment.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.event.Event;
import dev.nudge.core.segment.lang.SegmentParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API's promises to the store, one behavior each. */
class SegmentEngineContractTest {
    final SegmentCatalog catalog = Fixtures.catalog(
            "{id: opened, name: o, where: {event: Email Opened, within: 7d}}",
            "{id: never-bought, name: n, where: {event: Order Completed, count: \"== 0\"}}");
    final SegmentEngine engine = SegmentEngine.of(catalog);
    final HistorySource noHistory = () -> { throw new AssertionError("the per-event path must not read the history"); };

    @Test
    void onEvent_newProfile_evaluatesEverySegmentOnce_withoutReadingHistory() {
        Event e = Fixtures.track("Page Loaded", T0);
        Evaluation ev = engine.onEvent(null, Fixtures.profile(), e, T0, noHistory);
        assertThat(ev.transitions()).extracting(Transition::segmentId, Transition::kind, Transition::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("never-bought", Transition.Kind.ENTERED, Cause.EVENT));
        assertThat(engine.memberships(ev.newState())).containsEntry("never-bought", T0);
    }

    @Test
    void onEvent_unrelatedEvent_changesNoConditionState() {
        Evaluation a = engine.onEvent(null, Fixtures.profile(), Fixtures.track("Email Opened", T0), T0, noHistory);
        Evaluation b = engine.onEvent(a.newState(), Fixtures.profile(), Fixtures.track("Something Else", T0.plusSeconds(1)), T0.plusSeconds(1), noHistory);
        assertThat(b.transitions()).isEmpty();
        assertThat(b.newState().leaves).containsExactly(a.newState().leaves); // same instances: nothing touched
        assertThat(b.nextDue()).isEqualTo(a.nextDue());
    }

    @Test
    void onEvent_eventTimeAfterNow_isRefusedWithWhatToDo() {
        Event future = Fixtures.track("Email Opened", T0.plusSeconds(60));
        assertThatThrownBy(() -> engine.onEvent(null, Fixtures.profile(), future, T0, noHistory))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clamp future timestamps");
    }

    @Test
    void onTime_staleOrRepeatedDue_isANoOp() {
        Evaluation a = engine.onEvent(null, Fixtures.profile(), Fixtures.track("Email Opened", T0), T0, noHistory);
        Evaluation fired = engine.onTime(a.newState(), Fixtures.profile(), a.nextDue(), noHistory);
        assertThat(fired.transitions()).hasSize(1);
        Evaluation again = engine.onTime(fired.newState(), Fixtures.profile(), a.nextDue(), noHistory);
        assertThat(again.transitions()).isEmpty();
        assertThat(again.newState()).isEqualTo(fired.newState());
    }

    @Test
    void onTime_timerRunningLate_stampsTransitionsWithTheDueInstant() {
        Evaluation a = engine.onEvent(null, Fixtures.profile(), Fixtures.track("Email Opened", T0), T0, noHistory);
        // the store was down for a day: it calls with now = the time it woke, the engine walks every due before it
        Evaluation late = engine.onTime(a.newState(), Fixtures.profile(), T0.plus(Duration.ofDays(8)), noHistory);
        assertThat(late.transitions()).extracting(Transition::at).containsExactly(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void stateFromAnotherCatalog_isRefused_withTheRebuildRecipe() {
        Evaluation a = engine.onEvent(null, Fixtures.profile(), Fixtures.track("Email Opened", T0), T0, noHistory);
        SegmentEngine changed = SegmentEngine.of(Fixtures.catalog("{id: opened, name: o, where: {event: Email Opened, within: 14d}}"));
        assertThatThrownBy(() -> changed.onEvent(a.newState(), Fixtures.profile(), Fixtures.track("Email Opened", T0), T0, noHistory))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("rebuild(oldEngine.memberships(state)");
        Evaluation rebuilt = changed.rebuild(engine.memberships(a.newState()), Fixtures.profile(),
                () -> List.of(Fixtures.track("Email Opened", T0)), T0.plus(Duration.ofDays(10)), Cause.BACKFILL);
        // still a member under the 14-day window, so no transition; `never-bought` left the catalog and is not reported
        assertThat(rebuilt.transitions()).isEmpty();
        assertThat(changed.memberships(rebuilt.newState())).containsOnlyKeys("opened");
        Evaluation later = changed.rebuild(engine.memberships(a.newState()), Fixtures.profile(),
                () -> List.of(Fixtures.track("Email Opened", T0)), T0.plus(Duration.ofDays(15)), Cause.BACKFILL);
        assertThat(later.transitions()).extracting(Transition::segmentId, Transition::kind, Transition::at, Transition::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("opened", Transition.Kind.EXITED, T0.plus(Duration.ofDays(15)), Cause.BACKFILL));
    }

    @Test
    void jsonAndYaml_giveTheSameTree() {
        var yaml = SegmentParser.parse("a.yaml", """
                id: x
                name: X
                where:
                  event: Order Completed
                  where: {revenue: {gte: 100}}
                  within: 30d
                """).orThrow();
        var json = SegmentParser.parse("api", "{\"id\": \"x\", \"name\": \"X\", \"where\": {\"event\": \"Order Completed\", \"where\": {\"revenue\": {\"gte\": 100}}, \"within\": \"30d\"}}").orThrow();
        assertThat(json.where()).isEqualTo(yaml.where());
        assertThat(Map.of("id", json.id())).containsEntry("id", "x");
    }
}
