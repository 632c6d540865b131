package dev.nudge.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void roundTrip_keepsEveryField() {
        Event e = new Event("m1", EventType.TRACK, "u1", "a1", "Order Completed", Map.of("revenue", 12.5, "products", List.of(Map.of("id", "p"))),
                Map.of(), Map.of("ip", "1.2.3.4"), T, T.plusSeconds(1), null, null);
        assertThat(EventJson.fromBytes(EventJson.toBytes(e))).isEqualTo(e);
    }

    @Test
    void conditionName_readFromTheHead_matchesTheDecodedEvent() {
        List<Event> events = List.of(
                Event.track("m1", "u1", "Order Completed", Map.of("note", "\"event\":\"Fake\""), T),
                new Event("m2", EventType.PAGE, null, "a1", "Home", Map.of("path", "/"), Map.of(), Map.of(), T, T, null, null),
                new Event("m3", EventType.IDENTIFY, "u1", null, null, Map.of(), Map.of("plan", "pro"), Map.of(), T, T, null, null),
                new Event("m4", EventType.ALIAS, "u2", null, null, Map.of(), Map.of(), Map.of(), T, T, "u1", null));
        for (Event e : events) assertThat(EventJson.conditionName(EventJson.toBytes(e))).isEqualTo(e.conditionName());
    }

    @Test
    void mayCarryTraits_isFalseOnlyWhenThereAreNone() {
        Event identify = new Event("m1", EventType.IDENTIFY, "u1", null, null, Map.of(), Map.of("plan", "pro"), Map.of(), T, T, null, null);
        Event trackWithTraits = new Event("m2", EventType.TRACK, "u1", null, "Signed Up", Map.of(), Map.of("plan", "pro"), Map.of(), T, T, null, null);
        Event plain = Event.track("m3", "u1", "Product Viewed", Map.of("text", "\"traits\":{}"), T); // escaped inside a string: not a field
        assertThat(EventJson.mayCarryTraits(EventJson.toBytes(identify))).isTrue();
        assertThat(EventJson.mayCarryTraits(EventJson.toBytes(trackWithTraits))).isTrue();
        assertThat(EventJson.mayCarryTraits(EventJson.toBytes(plain))).isFalse();
    }
}
