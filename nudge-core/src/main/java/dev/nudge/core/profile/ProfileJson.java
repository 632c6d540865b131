package dev.nudge.core.profile;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one JSON form of a {@link Profile}, for storage, export and the API. */
public final class ProfileJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfileJson() {}

    public static Map<String, Object> toMap(Profile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("userIds", p.userIds());
        m.put("anonymousIds", p.anonymousIds());
        m.put("traits", p.traits());
        m.put("firstSeen", p.firstSeen() == null ? null : dev.nudge.core.json.FastInstant.format(p.firstSeen()));
        m.put("lastSeen", p.lastSeen() == null ? null : dev.nudge.core.json.FastInstant.format(p.lastSeen()));
        m.put("eventCounts", p.eventCounts());
        return m;
    }

    public static byte[] toBytes(Profile p) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            dev.nudge.core.json.JsonValues.write(g, toMap(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static Profile fromBytes(byte[] b) {
        try {
            Map<String, Object> m = MAPPER.readValue(b, Map.class);
            Map<String, Long> counts = new LinkedHashMap<>();
            ((Map<String, Object>) m.getOrDefault("eventCounts", Map.of())).forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
            return new Profile((String) m.get("id"), (List<String>) m.get("userIds"), (List<String>) m.get("anonymousIds"),
                    (Map<String, Object>) m.get("traits"), instant(m.get("firstSeen")), instant(m.get("lastSeen")), counts);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored profile", e);
        }
    }

    private static Instant instant(Object o) {
        return o == null ? null : dev.nudge.core.json.FastInstant.parse((String) o);
    }
}
