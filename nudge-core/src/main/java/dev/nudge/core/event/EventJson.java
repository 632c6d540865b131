package dev.nudge.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.json.FastInstant;
import dev.nudge.core.json.JsonValues;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON form of a stored {@link Event}: the Segment field names, instants as ISO-8601
 * strings, absent fields omitted. Used for storage, export and the API, so they cannot drift.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventJson() {}

    public static Map<String, Object> toMap(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messageId", e.messageId());
        m.put("type", e.type().wire());
        if (e.userId() != null) m.put("userId", e.userId());
        if (e.anonymousId() != null) m.put("anonymousId", e.anonymousId());
        if (e.type() == EventType.TRACK) m.put("event", e.name());
        else if (e.name() != null) m.put("name", e.name());
        if (!e.properties().isEmpty()) m.put("properties", e.properties());
        if (!e.traits().isEmpty()) m.put("traits", e.traits());
        if (!e.context().isEmpty()) m.put("context", e.context());
        m.put("timestamp", e.timestamp().toString());
        m.put("receivedAt", e.receivedAt().toString());
        if (e.previousId() != null) m.put("previousId", e.previousId());
        if (e.groupId() != null) m.put("groupId", e.groupId());
        return m;
    }

    /** Same fields and order as {@link #toMap}, written straight to bytes: this runs once per stored event. */
    public static byte[] toBytes(Event e) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("messageId", e.messageId());
            g.writeStringField("type", e.type().wire());
            if (e.userId() != null) g.writeStringField("userId", e.userId());
            if (e.anonymousId() != null) g.writeStringField("anonymousId", e.anonymousId());
            if (e.type() == EventType.TRACK) g.writeStringField("event", e.name());
            else if (e.name() != null) g.writeStringField("name", e.name());
            if (!e.properties().isEmpty()) { g.writeFieldName("properties"); JsonValues.write(g, e.properties()); }
            if (!e.traits().isEmpty()) { g.writeFieldName("traits"); JsonValues.write(g, e.traits()); }
            if (!e.context().isEmpty()) { g.writeFieldName("context"); JsonValues.write(g, e.context()); }
            g.writeStringField("timestamp", FastInstant.format(e.timestamp()));
            g.writeStringField("receivedAt", FastInstant.format(e.receivedAt()));
            if (e.previousId() != null) g.writeStringField("previousId", e.previousId());
            if (e.groupId() != null) g.writeStringField("groupId", e.groupId());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalStateException("event " + e.messageId() + " is not serializable", ex);
        }
        return out.toByteArray();
    }

    /**
     * The {@link Event#conditionName()} of a stored event, read from the head of its bytes without
     * decoding properties, traits or context ({@link #toBytes} writes type and name first). Lets a
     * replay skip the events no segment reads at a fraction of a full decode.
     */
    public static String conditionName(byte[] bytes) {
        String fast = Head.conditionName(bytes);
        return fast != null ? fast : conditionNameParsed(bytes);
    }

    /** {@link #conditionName} by a JSON parser: any layout, any escape. */
    static String conditionNameParsed(byte[] bytes) {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            String type = null, event = null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "type" -> type = p.getText();
                    case "event" -> event = p.getText();
                    default -> p.skipChildren(); // properties, traits, context: skipped, not decoded
                }
                if (type != null && (!type.equals("track") || event != null)) return type.equals("track") ? event : type;
            }
            return fromBytes(bytes).conditionName(); // an older layout: decode it all
        } catch (IOException ex) {
            throw new UncheckedIOException("corrupt stored event", ex);
        }
    }

    /**
     * Whether a stored event may carry traits: false only when it certainly carries none ({@link #toBytes}
     * writes the {@code traits} field only when there are traits). A false "may" (a property named
     * {@code traits}) only costs a decode.
     */
    public static boolean mayCarryTraits(byte[] bytes) {
        // String.indexOf on Latin-1 text is a vectorized intrinsic: several times faster than a byte loop here
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(TRAITS_FIELD) >= 0;
    }

    private static final String TRAITS_FIELD = "\"traits\":";

    @SuppressWarnings("unchecked")
    public static Event fromBytes(byte[] bytes) {
        try {
            return fromMap(MAPPER.readValue(bytes, Map.class));
        } catch (IOException ex) {
            throw new UncheckedIOException("corrupt stored event", ex);
        }
    }

    @SuppressWarnings("unchecked")
    public static Event fromMap(Map<String, Object> m) {
        EventType type = EventType.fromWire((String) m.get("type"));
        String name = (String) (type == EventType.TRACK ? m.get("event") : m.get("name"));
        return new Event((String) m.get("messageId"), type, (String) m.get("userId"), (String) m.get("anonymousId"), name,
                (Map<String, Object>) m.get("properties"), (Map<String, Object>) m.get("traits"),
                (Map<String, Object>) m.get("context"), dev.nudge.core.json.FastInstant.parse((String) m.get("timestamp")),
                dev.nudge.core.json.FastInstant.parse((String) m.get("receivedAt")), (String) m.get("previousId"), (String) m.get("groupId"));
    }
}
