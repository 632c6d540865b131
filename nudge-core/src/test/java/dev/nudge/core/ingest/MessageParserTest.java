package dev.nudge.core.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageParserTest {
    static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

    private static Map<String, Object> msg(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void parse_track_readsSpecFields() throws Exception {
        Event e = MessageParser.parse(msg("type", "track", "userId", "u1", "event", "Order Completed", "messageId", "m-1",
                "properties", Map.of("revenue", 10), "timestamp", "2024-06-01T11:00:00Z"), null, NOW, null, null);
        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.name()).isEqualTo("Order Completed");
        assertThat(e.properties()).containsEntry("revenue", 10);
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-06-01T11:00:00Z"));
        assertThat(e.messageId()).isEqualTo("m-1");
    }

    @Test
    void parse_numericUserId_becomesString() throws Exception {
        assertThat(MessageParser.parse(msg("userId", 42, "event", "X"), EventType.TRACK, NOW, null, null).userId()).isEqualTo("42");
    }

    @Test
    void parse_batchSentAt_correctsEachMessage() throws Exception {
        Event e = MessageParser.parse(msg("type", "page", "anonymousId", "a", "timestamp", "2024-06-01T08:00:00Z"),
                null, NOW, Instant.parse("2024-06-01T08:00:30Z"), null);
        assertThat(e.timestamp()).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void parse_reportsEveryProblem_notJustTheFirst() {
        assertThatThrownBy(() -> MessageParser.parse(msg("type", "trak", "userId", List.of(), "timestamp", "soon"), null, NOW, null, null))
                .isInstanceOfSatisfying(InvalidMessageException.class, ex -> assertThat(ex.errors())
                        .extracting(IngestError::code).contains("invalid_type", "invalid_user_id", "invalid_timestamp"));
    }

    @Test
    void parse_identifyWithoutTraits_takesContextTraits() throws Exception {
        Event e = MessageParser.parse(msg("userId", "u", "context", Map.of("traits", Map.of("email", "x@y.z"))), EventType.IDENTIFY, NOW, null, null);
        assertThat(e.traits()).containsEntry("email", "x@y.z");
    }

    @Test
    void parse_controlCharacterInId_isRefused() {
        assertThatThrownBy(() -> MessageParser.parse(msg("userId", "a\u0000b", "event", "X"), EventType.TRACK, NOW, null, null))
                .hasMessageContaining("control character");
    }
}
