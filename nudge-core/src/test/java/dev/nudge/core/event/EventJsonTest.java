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
        // the parser-free path answers for the events the store writes, not only the fallback
        for (Event e : events) assertThat(Head.conditionName(EventJson.toBytes(e))).isEqualTo(e.conditionName());
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

    @Test
    void headReaders_onRandomEvents_agreeWithTheParserAndAPlainSearch() {
        long seed = new java.util.Random().nextLong();
        java.util.Random r = new java.util.Random(seed);
        String[] alphabet = {"a", "Z", " ", "\"", "\\", "é", "\u2028", ":", ",", "{", "traits", "\"traits\":", "event", "\n"};
        java.util.function.Supplier<String> text = () -> {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(6); n >= 0; n--) b.append(alphabet[r.nextInt(alphabet.length)]);
            return b.toString();
        };
        EventType[] types = EventType.values();
        for (int i = 0; i < 5_000; i++) {
            EventType type = types[r.nextInt(types.length)];
            String user = r.nextBoolean() ? text.get() : null;
            String anon = user == null || r.nextBoolean() ? text.get() : null;
            String name = type == EventType.TRACK ? "x" + text.get() : r.nextBoolean() ? text.get() : null;
            Map<String, Object> props = r.nextBoolean() ? Map.of(text.get(), text.get()) : Map.of();
            Map<String, Object> traits = r.nextInt(4) == 0 ? Map.of(text.get(), text.get()) : Map.of();
            Map<String, Object> context = r.nextBoolean() ? Map.of("traits", Map.of("k", text.get())) : Map.of();
            Event e = new Event(text.get(), type, user, anon, name, props, traits, context, T, T, null, null);
            byte[] bytes = EventJson.toBytes(e);
            String why = "seed " + seed + ", event " + new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            String head = Head.conditionName(bytes);
            assertThat(EventJson.conditionName(bytes)).as(why).isEqualTo(e.conditionName());
            if (head != null) assertThat(head).as(why).isEqualTo(EventJson.conditionNameParsed(bytes));
            boolean plainSearch = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("\"traits\":");
            assertThat(EventJson.mayCarryTraits(bytes)).as(why).isEqualTo(plainSearch);
            if (!traits.isEmpty()) assertThat(EventJson.mayCarryTraits(bytes)).as(why).isTrue();
        }
    }
}
