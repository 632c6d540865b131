package dev.nudge.core.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the processor's values accept and refuse when built, one behavior each. */
class InputsAndOutputsTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void inputs_requireTheirValues() {
        assertThatThrownBy(() -> new Input.EventInput(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("event");
        assertThatThrownBy(() -> new Input.DueInput(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("due");
        assertThatThrownBy(() -> new Input.MergeInput(" ", Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> new Input.MergeInput("a1", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void mergeInput_keepsTheOrderOfMemberships_andIsImmutable() {
        Map<String, Instant> m = new LinkedHashMap<>();
        m.put("z", T0);
        m.put("a", T0);
        Input.MergeInput in = new Input.MergeInput("a1", m);
        m.put("b", T0);
        assertThat(in.fromMemberships().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> in.fromMemberships().put("c", T0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void process_mergeIntoItself_isRefused() {
        SegmentProcessor p = new SegmentProcessor(SegmentEngine.of(SegmentCatalog.of(List.of())));
        assertThatThrownBy(() -> p.process(ProfileState.empty("u1"), new Input.MergeInput("u1", Map.of()), T0, HistorySource.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itself");
    }

    @Test
    void process_dueForANeverEvaluatedProfile_changesNothing() {
        SegmentProcessor p = new SegmentProcessor(SegmentEngine.of(SegmentCatalog.of(List.of())));
        ProfileState s = ProfileState.empty("u1");
        Step step = p.process(s, new Input.DueInput(T0), T0, HistorySource.NONE);
        assertThat(step.state()).isSameAs(s);
        assertThat(step.transitions()).isEmpty();
    }

    @Test
    void profileState_nextDueLaterThanItsSegmentsDue_isRefused() {
        SegmentProcessor p = new SegmentProcessor(SegmentEngine.of(SegmentCatalog.of(List.of(
                dev.nudge.core.segment.lang.SegmentParser.parse("t.yaml", "{id: a, name: a, where: {event: A, within: 1h}}").orThrow()))));
        ProfileState s = p.process(ProfileState.empty("u1"), new Input.EventInput(Event.track("m1", "u1", "A", Map.of(), T0)), T0, HistorySource.NONE).state();
        assertThat(s.nextDue()).isEqualTo(T0.plusSeconds(3600));
        assertThatThrownBy(() -> s.withNextDue(T0.plusSeconds(3601))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earliest due");
        assertThatThrownBy(() -> s.withNextDue(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.withNextDue(T0.plusSeconds(60)).nextDue()).isEqualTo(T0.plusSeconds(60)); // a flow may be due earlier
    }

    @Test
    void profileState_blankIdOrMissingParts_areRefused() {
        assertThatThrownBy(() -> ProfileState.empty(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> ProfileState.empty("u1").withTraits(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("traits");
        assertThatThrownBy(() -> ProfileState.empty("u1").withFlowRuns(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void sendRequest_validatesItsIdempotencyKey() {
        SendRequest ok = new SendRequest("u1", "cart-reminder-1", "flow/abandoned-checkout/r1/0", false);
        assertThat(ok.withTransactional(true).transactional()).isTrue();
        assertThatThrownBy(() -> new SendRequest("u1", "t", " ", false)).hasMessageContaining("idempotencyKey must not be blank");
        assertThatThrownBy(() -> new SendRequest("u1", "t", "flow/a b", false)).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> new SendRequest("u1", "t", "k".repeat(513), false)).hasMessageContaining("at most 512");
        assertThatThrownBy(() -> new SendRequest("u1", "", "k", false)).hasMessageContaining("template");
    }

    @Test
    void webhookCall_requiresAnAbsoluteHttpUrl() {
        new WebhookCall("u1", URI.create("https://example.com/hook"), "{}", "flow/f/r/3");
        assertThatThrownBy(() -> new WebhookCall("u1", URI.create("/relative"), "{}", "k")).hasMessageContaining("absolute http or https");
        assertThatThrownBy(() -> new WebhookCall("u1", URI.create("file:///etc/passwd"), "{}", "k")).hasMessageContaining("absolute http or https");
    }

    @Test
    void step_copiesItsLists() {
        List<dev.nudge.core.segment.Transition> ts = new java.util.ArrayList<>();
        Step s = Step.of(ProfileState.empty("u1"), ts);
        ts.add(new dev.nudge.core.segment.Transition("u1", "a", dev.nudge.core.segment.Transition.Kind.ENTERED, T0, dev.nudge.core.segment.Cause.EVENT));
        assertThat(s.transitions()).isEmpty();
    }

    @Test
    void sendCaps_keepSendsInOrder_andCountAWindow() {
        SendCaps c = SendCaps.EMPTY.withSend(T0.plusSeconds(10)).withSend(T0).withSend(T0.plusSeconds(20));
        assertThat(c.sentAt()).containsExactly(T0, T0.plusSeconds(10), T0.plusSeconds(20));
        assertThat(c.countAfter(T0)).isEqualTo(2);
        assertThat(c.withoutSendsUpTo(T0.plusSeconds(10)).sentAt()).containsExactly(T0.plusSeconds(20));
        assertThatThrownBy(() -> new SendCaps(List.of(T0.plusSeconds(1), T0))).hasMessageContaining("oldest first");
    }

    @Test
    void flowRuns_copyValuesInAndOut_andRefuseBlankKeys() {
        byte[] v = {1, 2};
        FlowRuns f = FlowRuns.EMPTY.with("abandoned-checkout/c1", v);
        v[0] = 9;
        assertThat(f.get("abandoned-checkout/c1")).containsExactly(1, 2);
        f.get("abandoned-checkout/c1")[1] = 9;
        assertThat(f.get("abandoned-checkout/c1")).containsExactly(1, 2);
        assertThat(f.without("abandoned-checkout/c1")).isEqualTo(FlowRuns.EMPTY);
        assertThatThrownBy(() -> FlowRuns.EMPTY.with(" ", v)).hasMessageContaining("blank");
    }

    @Test
    void traits_builtFromAMapOrFromBytes_areEqual() {
        Traits m = Traits.of(Map.of("plan", "gold"));
        Traits b = Traits.encoded(m.toBytes());
        assertThat(b.isDecoded()).isFalse();
        assertThat(b).isEqualTo(m);
        assertThat(b.hashCode()).isEqualTo(Map.of("plan", "gold").hashCode());
    }
}
