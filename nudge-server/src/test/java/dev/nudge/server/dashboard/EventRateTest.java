package dev.nudge.server.dashboard;

import dev.nudge.server.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EventRateTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    final AtomicLong counter = new AtomicLong();
    final EventRate rate = new EventRate(clock, counter::get);

    @Test
    void series_givesEachMinuteTheCounterDifference_scaledToAWholeMinute() {
        rate.sample();                             // 12:00:00, 0
        clock.advance(Duration.ofSeconds(30));
        counter.set(50);
        rate.sample();                             // not the first in its minute: ignored
        clock.advance(Duration.ofSeconds(30));
        counter.set(120);
        rate.sample();                             // 12:01:00, 120
        clock.advance(Duration.ofSeconds(90));
        counter.set(150);
        rate.sample();                             // 12:02:30, 150: 30 events in 90 s
        clock.advance(Duration.ofSeconds(40));     // now 12:03:10

        List<Long> ys = rate.series().get(1);
        assertThat(ys).hasSize(EventRate.MINUTES);
        assertThat(ys.subList(ys.size() - 3, ys.size())).containsExactly(120L, 20L, null); // 12:00, 12:01 (30 in 90 s = 20/min), 12:02 (no later sample)
        assertThat(rate.series().get(0).getLast()).isEqualTo(Instant.parse("2026-12-03T12:02:00Z").getEpochSecond());
        assertThat(rate.lastMinute()).isEqualTo(20L);
    }

    @Test
    void minutesNobodySampled_areGaps_notGuesses() {
        assertThat(rate.lastMinute()).isNull();
        rate.sample();
        clock.advance(Duration.ofMinutes(5));
        counter.set(500);
        rate.sample();
        assertThat(rate.series().get(1)).containsOnlyNulls();
        assertThat(rate.lastMinute()).isNull();
    }
}
