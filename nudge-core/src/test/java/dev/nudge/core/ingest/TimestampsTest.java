package dev.nudge.core.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTest {
    static final Instant RECEIVED = Instant.parse("2024-06-01T12:00:00Z");

    @Test
    void correct_skewedClientClock_keepsTheClientsInterval() {
        // client clock 1 h behind: it says it sent at 11:00:10 an event from 11:00:00
        var c = Timestamps.correct(Instant.parse("2024-06-01T11:00:00Z"), Instant.parse("2024-06-01T11:00:10Z"), RECEIVED);
        assertThat(c.timestamp()).isEqualTo(Instant.parse("2024-06-01T11:59:50Z"));
        assertThat(c.clamped()).isFalse();
    }

    @Test
    void correct_noTimestamp_isReceivedAt() {
        assertThat(Timestamps.correct(null, null, RECEIVED).timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void correct_noSentAt_keepsTheTimestamp() {
        Instant t = Instant.parse("2024-05-01T00:00:00Z");
        assertThat(Timestamps.correct(t, null, RECEIVED).timestamp()).isEqualTo(t);
    }

    @Test
    void correct_farFuture_isClampedAndFlagged() {
        var c = Timestamps.correct(Instant.parse("2030-01-01T00:00:00Z"), null, RECEIVED);
        assertThat(c.timestamp()).isEqualTo(RECEIVED);
        assertThat(c.clamped()).isTrue();
    }
}
