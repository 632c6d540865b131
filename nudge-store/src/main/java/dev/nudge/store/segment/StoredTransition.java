package dev.nudge.store.segment;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.segment.Cause;
import dev.nudge.core.segment.Transition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A transition as kept in the log: its position {@code seq} in the global, gap-tolerant, increasing order. */
public record StoredTransition(long seq, Transition transition) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("profile_id", transition.profileId());
        m.put("segment_id", transition.segmentId());
        m.put("kind", transition.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("at", transition.at().toString());
        m.put("cause", transition.cause().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

    public byte[] toBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(160);
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("seq", seq);
            g.writeStringField("profile_id", transition.profileId());
            g.writeStringField("segment_id", transition.segmentId());
            g.writeStringField("kind", transition.kind() == Transition.Kind.ENTERED ? "entered" : "exited");
            g.writeStringField("at", dev.nudge.core.json.FastInstant.format(transition.at()));
            g.writeStringField("cause", transition.cause().name().toLowerCase(java.util.Locale.ROOT));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static StoredTransition fromBytes(byte[] b) {
        try {
            Map<String, Object> m = MAPPER.readValue(b, Map.class);
            return new StoredTransition(((Number) m.get("seq")).longValue(), new Transition((String) m.get("profile_id"),
                    (String) m.get("segment_id"), Transition.Kind.valueOf(((String) m.get("kind")).toUpperCase(java.util.Locale.ROOT)),
                    Instant.parse((String) m.get("at")), Cause.valueOf(((String) m.get("cause")).toUpperCase(java.util.Locale.ROOT))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
