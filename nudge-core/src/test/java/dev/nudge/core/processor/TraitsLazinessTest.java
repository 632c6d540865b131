package dev.nudge.core.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.SegmentCatalog;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.core.segment.lang.SegmentParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Traits stay encoded through a step (and through the codec) unless a condition reads them. */
class TraitsLazinessTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final byte[] TRAITS = "{\"plan\":\"gold\",\"email\":\"a@example.com\",\"score\":7}".getBytes(StandardCharsets.UTF_8);

    final AtomicInteger decodes = new AtomicInteger();
    final Traits.Decoder counting = json -> {
        decodes.incrementAndGet();
        return Traits.JSON.decode(json);
    };

    static SegmentProcessor processor(String... yamls) {
        List<SegmentDefinition> defs = java.util.Arrays.stream(yamls).map(y -> SegmentParser.parse("t.yaml", y).orThrow()).toList();
        return new SegmentProcessor(SegmentEngine.of(SegmentCatalog.of(defs)));
    }

    ProfileState fresh() {
        return ProfileState.empty("u1").withTraits(Traits.encoded(TRAITS, counting));
    }

    @Test
    void process_catalogThatReadsNoTraits_neverDecodesThem_forEventsIdentifiesDuesOrTheCodec() {
        SegmentProcessor p = processor("{id: active, name: a, where: {event: A, count: \">= 2\", within: 1h}}");
        Step s = p.process(fresh(), new Input.EventInput(Event.track("m1", "u1", "A", Map.of(), T0)), T0, HistorySource.NONE);
        s = p.process(s.state(), new Input.EventInput(Event.track("m2", "u1", "A", Map.of(), T0.plusSeconds(1))), T0.plusSeconds(1), HistorySource.NONE);
        Event identify = new Event("m3", EventType.IDENTIFY, "u1", null, null, Map.of(), Map.of("plan", "silver"), Map.of(), T0.plusSeconds(2),
                T0.plusSeconds(2), null, null);
        s = p.process(s.state(), new Input.EventInput(identify), T0.plusSeconds(2), HistorySource.NONE);
        assertThat(s.state().nextDue()).isNotNull();
        s = p.process(s.state(), new Input.DueInput(s.state().nextDue()), s.state().nextDue(), HistorySource.NONE);
        assertThat(s.transitions()).extracting(t -> t.kind()).containsExactly(dev.nudge.core.segment.Transition.Kind.EXITED);

        ProfileState back = ProfileStateCodec.decode(ProfileStateCodec.encode(s.state()), counting);
        p.process(back, new Input.EventInput(Event.track("m4", "u1", "A", Map.of(), T0.plusSeconds(7200))), T0.plusSeconds(7200), HistorySource.NONE);

        assertThat(decodes).hasValue(0);
        assertThat(back.traits().isDecoded()).isFalse();
    }

    @Test
    void process_catalogThatReadsTraits_decodesThemOnce_acrossSteps() {
        SegmentProcessor p = processor("{id: gold, name: g, where: {trait: plan, equals: gold}}", "{id: subscribed, name: s, where: {subscribed: email}}");
        Step s = p.process(fresh(), new Input.EventInput(Event.track("m1", "u1", "A", Map.of(), T0)), T0, HistorySource.NONE);
        assertThat(s.transitions()).extracting(t -> t.segmentId()).containsExactly("gold", "subscribed"); // an email and no consent trait: subscribed
        for (int i = 1; i <= 3; i++) {
            s = p.process(s.state(), new Input.TraitsChanged(), T0.plusSeconds(i), HistorySource.NONE);
        }
        assertThat(decodes).hasValue(1);
    }

    @Test
    void process_eventNoConditionMentions_onAnEvaluatedProfile_leavesTraitsEncoded() {
        SegmentProcessor p = processor("{id: gold, name: g, where: {trait: plan, equals: gold}}");
        Step first = p.process(fresh(), new Input.EventInput(Event.track("m1", "u1", "A", Map.of(), T0)), T0, HistorySource.NONE);
        assertThat(decodes).hasValue(1); // a new profile: every segment is evaluated once
        ProfileState stored = ProfileStateCodec.decode(ProfileStateCodec.encode(first.state()), counting);
        p.process(stored, new Input.EventInput(Event.track("m2", "u1", "Page Viewed", Map.of(), T0.plusSeconds(1))), T0.plusSeconds(1), HistorySource.NONE);
        assertThat(decodes).hasValue(1);
        assertThat(stored.traits().isDecoded()).isFalse();
    }
}
