package dev.nudge.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Display text for stored values. */
final class Text {
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private Text() {}

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    /** An instant to the second, in UTC, or "" for null. */
    static String time(java.time.Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String json(Object v) {
        if (v instanceof String s) return s;
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
