package dev.nudge.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.flow.lang.Awaited;
import dev.nudge.core.flow.lang.FlowContext;
import dev.nudge.core.flow.lang.FlowDefinition;
import dev.nudge.core.flow.lang.Step;
import dev.nudge.core.flow.lang.Trigger;
import dev.nudge.core.segment.DefaultSegments;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultFlowsTest {
    static final FlowContext SHIPPED = FlowContext.of(DefaultFlows.TEMPLATES, new HashSet<>(DefaultSegments.IDS), false);

    @Test
    void shippedFlows_validateAgainstTheShippedSegmentsAndTheirTemplates() {
        List<FlowDefinition> defs = DefaultFlows.definitions(SHIPPED);
        assertThat(defs).extracting(FlowDefinition::id).containsExactlyElementsOf(DefaultFlows.IDS);
    }

    @Test
    void abandonedCheckout_isTheDesignExample() {
        FlowDefinition d = DefaultFlows.definitions(SHIPPED).get(0);
        assertThat(d.trigger()).isEqualTo(new Trigger.EventTrigger("Checkout Started", List.of()));
        assertThat(d.key()).isEqualTo("checkout_id");
        assertThat(d.holdoutPercent()).isEqualTo(10.0);
        assertThat(d.exitWhen()).hasSize(2).first().isInstanceOf(Awaited.OnEvent.class);
        Step.WaitFor w = (Step.WaitFor) d.steps().get(2);
        assertThat(w.onEvent()).containsExactly(new Step.Exit("2.on_event.0", "converted"));
        assertThat(w.onTimeout()).extracting(Step::id).containsExactly("2.on_timeout.0", "reminder-2");
    }

    @Test
    void shippedFlows_withoutContext_stillValidate() {
        assertThat(DefaultFlows.definitions(FlowContext.NONE)).hasSize(DefaultFlows.IDS.size());
    }
}
