package dev.nudge.core.segment.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.core.segment.lang.Predicate.Operator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValuesTest {
    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    static boolean test(Operator op, Object arg, Object v) {
        return Values.test(new Predicate(op, arg), v, T);
    }

    @Test
    void equality_comparesNumbersNumerically_andNeverAcrossTypes() {
        assertThat(test(Operator.EQUALS, 100L, 100.0)).isTrue();
        assertThat(test(Operator.EQUALS, "100", 100L)).isFalse();
        assertThat(test(Operator.NOT_EQUALS, true, null)).as("absent is not equal").isTrue();
        assertThat(test(Operator.IN, List.of("gold", "silver"), "gold")).isTrue();
        assertThat(test(Operator.NOT_IN, List.of("gold"), null)).isTrue();
        assertThat(test(Operator.GT, 5L, "6")).as("number vs string is not comparable").isFalse();
        assertThat(test(Operator.BETWEEN, List.of(1L, 3L), 3L)).as("between is inclusive").isTrue();
        assertThat(test(Operator.CONTAINS, "x", List.of("a", "x"))).isTrue();
        assertThat(test(Operator.CONTAINS, "ol", "gold")).isTrue();
        assertThat(test(Operator.EXISTS, false, null)).isTrue();
    }

    @Test
    void relativeDates_areHalfOpenAndTheirChangePointsAreExactlyTheEdges() {
        Duration d = Duration.ofDays(30);
        String date = "2026-02-01T00:00:00Z";
        Instant at = Instant.parse(date);
        for (Operator op : List.of(Operator.WITHIN, Operator.OLDER_THAN, Operator.IN_NEXT)) {
            Predicate p = new Predicate(op, d);
            List<Long> points = new ArrayList<>();
            Values.changePoints(p, date, points::add);
            // the answer is constant between change points and flips at each of them
            for (long c : points) {
                Instant ci = Instant.ofEpochMilli(c);
                assertThat(Values.test(p, date, ci)).as(op + " flips at " + ci).isNotEqualTo(Values.test(p, date, ci.minusMillis(1)));
            }
            assertThat(points).isNotEmpty();
        }
        assertThat(Values.test(new Predicate(Operator.WITHIN, d), date, at)).isTrue();
        assertThat(Values.test(new Predicate(Operator.WITHIN, d), date, at.plus(d))).isFalse();
        assertThat(Values.test(new Predicate(Operator.OLDER_THAN, d), date, at.plus(d))).isTrue();
        assertThat(Values.test(new Predicate(Operator.IN_NEXT, d), date, at.minus(d))).isTrue();
        assertThat(Values.test(new Predicate(Operator.IN_NEXT, d), date, at)).isFalse();
        assertThat(Values.instant("2026-02-01")).isEqualTo(at);
        assertThat(Values.instant("yesterday")).isNull();
    }

    /** Date traits as other tools and languages write them: naive date-times (as UTC) and Unix time. */
    @Test
    void instant_readsNaiveDateTimesAsUtc_andNumbersAsUnixTime() {
        Instant at = Instant.parse("2026-01-21T10:00:00Z");
        assertThat(Values.instant("2026-01-21T10:00:00")).isEqualTo(at);       // Python isoformat(), no offset
        assertThat(Values.instant("2026-01-21 10:00:00")).isEqualTo(at);       // SQL / spreadsheet export
        assertThat(Values.instant("2026-01-21T10:00:00.250")).isEqualTo(at.plusMillis(250));
        assertThat(Values.instant("2026-01-21T11:00:00+01:00")).isEqualTo(at);
        assertThat(Values.instant("2026-01-21 11:00:00+01:00")).isEqualTo(at);
        assertThat(Values.instant(at.getEpochSecond())).isEqualTo(at);          // Unix seconds (Customer.io)
        assertThat(Values.instant(at.getEpochSecond() + 0.5)).isEqualTo(at.plusMillis(500));
        assertThat(Values.instant(at.toEpochMilli())).isEqualTo(at);            // milliseconds (JavaScript Date.now())
        assertThat(Values.instant(-5)).isNull();
        assertThat(Values.instant(Double.NaN)).isNull();
        assertThat(Values.instant("2026-01-21X10:00:00")).isNull();
        assertThat(Values.instant("2026-13-01 10:00:00")).isNull();
    }

    @Test
    void lookup_followsDottedPaths_andConsentFollowsTheConvention() {
        Map<String, Object> traits = Map.of("email", "a@b.c", "consent", Map.of("email", "unsubscribed"), "address", Map.of("city", "Oslo"));
        assertThat(Values.lookup(traits, "address.city")).isEqualTo("Oslo");
        assertThat(Values.lookup(traits, "address.zip")).isNull();
        assertThat(Values.emailSubscribed(traits)).isFalse();
        assertThat(Values.emailSubscribed(Map.of("email", "a@b.c"))).isTrue();
        assertThat(Values.emailSubscribed(Map.of("email", "a@b.c", "consent", Map.of("email", "subscribed")))).isTrue();
        assertThat(Values.emailSubscribed(Map.of("consent", Map.of("email", "subscribed")))).as("no address, no email").isFalse();
    }
}
