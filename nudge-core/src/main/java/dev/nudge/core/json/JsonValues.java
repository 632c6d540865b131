package dev.nudge.core.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes plain JSON values (String, Number, Boolean, Map, List, null — what Jackson decodes a
 * Segment message into) straight to a generator. The ingest path writes every event, profile and
 * transition this way; going through ObjectMapper's serializer lookup per value cost more than the
 * writing itself.
 */
public final class JsonValues {
    private JsonValues() {}

    public static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case Boolean b -> g.writeBoolean(b);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> list -> {
                g.writeStartArray();
                for (Object o : list) write(g, o);
                g.writeEndArray();
            }
            case BigDecimal d -> g.writeNumber(d);
            case BigInteger i -> g.writeNumber(i);
            case Float f -> g.writeNumber(f);
            case Short s -> g.writeNumber(s);
            case Number n -> g.writeNumber(n.doubleValue());
            case Object[] arr -> {
                g.writeStartArray();
                for (Object o : arr) write(g, o);
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }
}
