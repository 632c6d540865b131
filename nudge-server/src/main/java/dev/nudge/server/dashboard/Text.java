package dev.nudge.server.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Display text for stored values. */
final class Text {
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private Text() {}

    static String json(Object v) {
        if (v instanceof String s) return s;
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
