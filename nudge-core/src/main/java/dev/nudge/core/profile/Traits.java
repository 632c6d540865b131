package dev.nudge.core.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.json.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A profile's traits as an immutable map that may be kept as its encoded JSON object and decoded
 * only when first read: an event no condition of which reads traits never pays for decoding them.
 * Built either from bytes ({@link #encoded}) or from a decoded map ({@link #of}); each form is
 * produced from the other at most once, on demand, and then kept.
 *
 * <p>Invariant: the bytes, when present, are a JSON object whose decoding is the map. A
 * {@link Profile} keeps a {@code Traits} as it is (no copy), so wrapping one in a profile does not
 * decode it either. Safe to share between threads: both forms are immutable and the lazy fields are
 * volatile (two racing first reads decode the same value twice, harmlessly).
 */
public final class Traits extends AbstractMap<String, Object> {
    /** Decodes a JSON object's bytes into a map of plain JSON values; a seam so tests can count decodes. */
    @FunctionalInterface
    public interface Decoder {
        Map<String, Object> decode(byte[] json);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Jackson, as {@link ProfileJson} reads a stored profile. */
    @SuppressWarnings("unchecked")
    public static final Decoder JSON = json -> {
        try {
            Object m = MAPPER.readValue(json, Object.class);
            if (!(m instanceof Map<?, ?> map)) throw new IllegalArgumentException("traits must be a JSON object, got " + m);
            return (Map<String, Object>) map;
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt stored traits", e);
        }
    };

    public static final Traits EMPTY = new Traits(null, Map.of(), JSON);

    private volatile byte[] bytes;
    private volatile Map<String, Object> map;
    private final Decoder decoder;

    private Traits(byte[] bytes, Map<String, Object> map, Decoder decoder) {
        this.bytes = bytes;
        this.map = map;
        this.decoder = decoder;
    }

    /** Traits kept as a JSON object's bytes (copied), decoded with {@link #JSON} on first read. */
    public static Traits encoded(byte[] json) {
        return encoded(json, JSON);
    }

    /** Traits kept as bytes, decoded with {@code decoder} on first read. */
    public static Traits encoded(byte[] json, Decoder decoder) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(decoder, "decoder");
        return new Traits(json.clone(), null, decoder);
    }

    /** Traits already decoded (an unmodifiable copy; a {@code Traits} is returned as it is). */
    public static Traits of(Map<String, Object> traits) {
        if (traits instanceof Traits t) return t;
        if (traits == null || traits.isEmpty()) return EMPTY;
        return new Traits(null, Collections.unmodifiableMap(new LinkedHashMap<>(traits)), JSON);
    }

    /** Whether the traits have been decoded (or were built decoded). For tests and metrics. */
    public boolean isDecoded() {
        return map != null;
    }

    /** The encoded JSON object (a copy); encodes the map on first call if built decoded. */
    public byte[] toBytes() {
        return bytes().clone();
    }

    private byte[] bytes() {
        byte[] b = bytes;
        if (b == null) bytes = b = encode(map);
        return b;
    }

    private Map<String, Object> map() {
        Map<String, Object> m = map;
        if (m == null) map = m = Collections.unmodifiableMap(new LinkedHashMap<>(decoder.decode(bytes)));
        return m;
    }

    private static byte[] encode(Map<String, Object> m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (com.fasterxml.jackson.core.JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            JsonValues.write(g, m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return map().entrySet();
    }

    @Override
    public Object get(Object key) {
        return map().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map().containsKey(key);
    }

    @Override
    public int size() {
        return map().size();
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (o instanceof Traits t && bytes != null && t.bytes != null && Arrays.equals(bytes, t.bytes)) return true;
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return map().hashCode();
    }
}
