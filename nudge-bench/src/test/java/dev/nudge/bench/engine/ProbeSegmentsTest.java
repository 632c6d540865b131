package dev.nudge.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.Evaluation;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.segment.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probes the latency and timer benchmarks count on cause exactly the transitions they expect. */
class ProbeSegmentsTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void twenty_isTheTwentyBenchmarkSegments() {
        assertThat(BenchCatalog.twenty().size()).isEqualTo(20);
    }

    @Test
    void latencyProbe_entersOnTheEventItself() {
        SegmentEngine engine = SegmentEngine.of(BenchCatalog.twentyPlus(Map.of("p.yaml", TransitionLatency.PROBE_YAML)));
        Event e = Event.track("m1", "lat-7", "Latency Probe", Map.of(), T);
        Profile p = Profile.empty("lat-7", "lat-7", null).withEventSeen(e.conditionName(), T);
        Evaluation ev = engine.onEvent(null, p, e, T, () -> List.of(e));
        assertThat(ev.transitions()).filteredOn(t -> t.segmentId().equals(TransitionLatency.PROBE))
                .containsExactly(new Transition("lat-7", TransitionLatency.PROBE, Transition.Kind.ENTERED, T, Cause.EVENT));
    }

    @Test
    void timerProbe_entersByTimerExactlyTenSecondsLater() {
        SegmentEngine engine = SegmentEngine.of(BenchCatalog.twentyPlus(Map.of("p.yaml", TimerLateness.PROBE_YAML)));
        Event e = Event.track("m1", "tmr-1", "Timer Probe", Map.of(), T);
        Profile p = Profile.empty("tmr-1", "tmr-1", null).withEventSeen(e.conditionName(), T);
        HistorySource h = () -> List.of(e);
        Evaluation ev = engine.onEvent(null, p, e, T, h);
        assertThat(ev.transitions()).noneMatch(t -> t.segmentId().equals(TimerLateness.PROBE));
        assertThat(ev.nextDue()).isEqualTo(T.plusSeconds(10));
        Evaluation fired = engine.onTime(ev.newState(), p, ev.nextDue(), h);
        assertThat(fired.transitions()).filteredOn(t -> t.segmentId().equals(TimerLateness.PROBE))
                .containsExactly(new Transition("tmr-1", TimerLateness.PROBE, Transition.Kind.ENTERED, T.plusSeconds(10), Cause.TIME));
    }
}
