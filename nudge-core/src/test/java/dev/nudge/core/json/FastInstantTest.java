package dev.nudge.core.json;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FastInstantTest {
    @Test
    void parse_randomInstantsAndOffsets_agreesWithJavaTime() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 8_000_000_000L), r.nextInt(3) == 0 ? 0 : r.nextInt(1_000_000_000));
            ZoneOffset off = ZoneOffset.ofTotalSeconds((r.nextInt(36 * 4) - 18 * 4) * 900);
            String s = r.nextBoolean() ? t.toString() : OffsetDateTime.ofInstant(t, off).toString();
            assertThat(FastInstant.parse(s)).as("seed %d: %s", seed, s).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
    }

    @Test
    void format_randomInstants_isExactlyInstantToString() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 50_000; i++) {
            int kind = r.nextInt(4);
            int nanos = kind == 0 ? 0 : kind == 1 ? r.nextInt(1000) * 1_000_000 : kind == 2 ? r.nextInt(1_000_000) * 1000 : r.nextInt(1_000_000_000);
            Instant t = Instant.ofEpochSecond(r.nextLong(-62_135_596_800L, 253_402_300_799L), nanos);
            assertThat(FastInstant.format(t)).as("seed %d", seed).isEqualTo(t.toString());
        }
        assertThat(FastInstant.format(Instant.parse("+12024-01-01T00:00:00Z"))).isEqualTo("+12024-01-01T00:00:00Z");
    }

    @Test
    void parse_invalidDates_areRefusedLikeJavaTime() {
        assertThatThrownBy(() -> FastInstant.parse("2023-02-29T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> FastInstant.parse("2024-13-01T00:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> FastInstant.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
        assertThat(FastInstant.parse("2024-02-29T23:59:59.5-01:30")).isEqualTo(Instant.parse("2024-03-01T01:29:59.500Z"));
    }
}
