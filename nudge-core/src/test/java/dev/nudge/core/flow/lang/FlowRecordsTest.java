package dev.nudge.core.flow.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed tree validates itself when built (STYLE.md §4): what the parser refuses, the records refuse too. */
class FlowRecordsTest {
    static final List<Step> ONE = List.of(new Step.Send("0", "welcome", false));

    @Test
    void flowDefinition_defaultsAndRefusals() {
        FlowDefinition d = new FlowDefinition("f", null, null, new Trigger.ApiTrigger(), null, null, null, List.of(), null, 0, null, ONE);
        assertThat(d.name()).isEqualTo("f");
        assertThat(d.reEntry()).isEqualTo(ReEntry.NEVER);
        assertThat(d.onCapped()).isEqualTo(FlowDefinition.OnCapped.DELAY);
        assertThatThrownBy(() -> new FlowDefinition("bad id", null, null, new Trigger.ApiTrigger(), null, null, null, List.of(), null, 0, null, ONE)).hasMessageContaining("bad flow id");
        assertThatThrownBy(() -> new FlowDefinition("f", null, null, new Trigger.ApiTrigger(), "checkout_id", null, null, List.of(), null, 0, null, ONE)).hasMessageContaining("event trigger");
        assertThatThrownBy(() -> new FlowDefinition("f", null, null, new Trigger.ApiTrigger(), null, null, null, List.of(), null, 100.5, null, ONE)).hasMessageContaining("holdout");
        assertThatThrownBy(() -> new FlowDefinition("f", null, null, new Trigger.ApiTrigger(), null, null, null, List.of(), null, 0, null, List.of())).hasMessageContaining("at least one step");
    }

    @Test
    void steps_refuseWhatTheParserRefuses() {
        assertThatThrownBy(() -> new Step.Wait("0", Duration.ofHours(1), LocalTime.NOON)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new Step.Wait("0", Duration.ZERO, null)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Step.Send("bad id!", "welcome", false)).hasMessageContaining("bad step id");
        assertThatThrownBy(() -> new Step.Split("0", List.of(new Step.Arm("A", 50, ONE), new Step.Arm("B", 40, ONE)))).hasMessageContaining("sum to 100");
        assertThatThrownBy(() -> new Step.Split("0", List.of(new Step.Arm("A", 50, ONE), new Step.Arm("A", 50, ONE)))).hasMessageContaining("unique");
        assertThatThrownBy(() -> new Step.Arm("A", 0, ONE)).hasMessageContaining("weight");
        assertThatThrownBy(() -> new Step.SetTrait("0", Map.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Step.Webhook("0", URI.create("ftp://x.example/"), null)).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> ReEntry.after(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ReEntry(ReEntry.Kind.AFTER, null)).hasMessageContaining("after");
    }

    @Test
    void webhookAddresses_literalCheckOnly() {
        assertThat(WebhookAddresses.refusal("100.64.0.1")).contains("CGN");
        assertThat(WebhookAddresses.refusal("[fd00::1]")).contains("unique-local");
        assertThat(WebhookAddresses.refusal("0.0.0.0")).contains("unspecified");
        assertThat(WebhookAddresses.refusal("192.168.0.1")).contains("private");
        assertThat(WebhookAddresses.refusal("app.localhost")).contains("loopback");
        assertThat(WebhookAddresses.refusal("8.8.8.8")).isNull();
        assertThat(WebhookAddresses.refusal("[2001:4860:4860::8888]")).isNull();
        // A name is not resolved here: the server's AddressGuard checks it at call time.
        assertThat(WebhookAddresses.refusal("internal.example.com")).isNull();
    }

    @Test
    void isFlow_byTopLevelTriggerOrSteps() {
        assertThat(FlowParser.isFlow("id: x\ntrigger: {api: true}\n")).isTrue();
        assertThat(FlowParser.isFlow("{\"id\": \"x\", \"steps\": []}")).isTrue();
        assertThat(FlowParser.isFlow("id: x\nwhere: {subscribed: email}\n")).isFalse();
        assertThat(FlowParser.isFlow("where: {event: steps}\n")).isFalse();
        assertThat(FlowParser.isFlow("not: [valid")).isFalse();
    }
}
