package dev.nudge.server.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.nudge.core.ingest.IngestError;
import dev.nudge.server.http.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the rejected-messages log: what was refused, why, and where it came from, with a
 * copy of the message cut to {@link #MAX_EXCERPT_BYTES} — enough to see what a client sends
 * wrong, too little for the log to serve as storage. The copy leaves out the body's
 * {@code writeKey}; the key appears only as its public id.
 *
 * <p>Stored as the JSON the admin API lists ({@link #toJson}), less the {@code id}, which is the
 * store's sequence number.
 */
public record RejectedEntry(Instant receivedAt, RequestSource source, String library, int index, String messageId,
                            String userId, String anonymousId, List<IngestError> errors, String excerpt, boolean truncated) {
    /** Largest copy of a rejected message kept, in UTF-8 bytes. */
    public static final int MAX_EXCERPT_BYTES = 2048;
    /** Longest error message kept; the parser's are far shorter, this only bounds a surprise. */
    static final int MAX_ERROR_LENGTH = 500;
    /** Most problems kept per message (a message has fewer fields than this). */
    static final int MAX_ERRORS = 20;

    public RejectedEntry {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(excerpt, "excerpt");
        if (index < 0) throw new IllegalArgumentException("index must not be negative, got " + index);
        if (errors.isEmpty()) throw new IllegalArgumentException("an entry needs at least one error");
        errors = List.copyOf(errors);
        if (excerpt.getBytes(StandardCharsets.UTF_8).length > MAX_EXCERPT_BYTES) {
            throw new IllegalArgumentException("the message copy is over " + MAX_EXCERPT_BYTES + " bytes; build entries with of()");
        }
    }

    /** The entry for a rejection: client text made valid UTF-8 and bounded, the message copied and cut. */
    static RejectedEntry of(Rejection r, RequestSource source, Instant receivedAt) {
        List<IngestError> errors = new ArrayList<>();
        for (IngestError e : r.errors().subList(0, Math.min(MAX_ERRORS, r.errors().size()))) {
            errors.add(new IngestError(e.code(), e.field() == null ? null : Text.cut(e.field(), 200), Text.cut(e.message(), MAX_ERROR_LENGTH)));
        }
        String json = json(withoutWriteKey(r.message()));
        byte[] cut = Text.utf8Prefix(json, MAX_EXCERPT_BYTES);
        Map<?, ?> msg = r.message() instanceof Map<?, ?> m ? m : Map.of();
        return new RejectedEntry(receivedAt, source, r.library() == null ? null : Text.clean(r.library()), r.index(),
                clean(r.messageId()), clean(Rejection.id(msg.get("userId"))), clean(Rejection.id(msg.get("anonymousId"))), errors,
                new String(cut, StandardCharsets.UTF_8), cut.length < json.getBytes(StandardCharsets.UTF_8).length);
    }

    /** The admin API's form; {@code id} is the entry's sequence number in the log. */
    public Map<String, Object> toJson(long id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.putAll(stored());
        return m;
    }

    byte[] toBytes() {
        try {
            return Json.MAPPER.writeValueAsBytes(stored());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static RejectedEntry fromBytes(byte[] b) {
        Map<String, Object> m;
        try {
            m = Json.MAPPER.readValue(b, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("a rejected-log entry is not valid JSON", e);
        }
        Map<String, Object> src = (Map<String, Object>) m.get("source");
        List<IngestError> errors = new ArrayList<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) m.get("errors")) {
            errors.add(new IngestError((String) e.get("code"), (String) e.get("field"), (String) e.get("message")));
        }
        return new RejectedEntry(Instant.parse((String) m.get("received_at")),
                new RequestSource((String) src.get("path"), (String) m.get("write_key_id"), (String) src.get("user_agent"), (String) src.get("ip")),
                (String) src.get("library"), ((Number) m.get("index")).intValue(), (String) m.get("message_id"),
                (String) m.get("user_id"), (String) m.get("anonymous_id"), errors,
                (String) m.get("message"), Boolean.TRUE.equals(m.get("message_truncated")));
    }

    private Map<String, Object> stored() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received_at", receivedAt.toString());
        m.put("write_key_id", source.writeKeyId());
        Map<String, Object> src = new LinkedHashMap<>();
        src.put("path", source.path());
        src.put("library", library);
        src.put("user_agent", source.userAgent());
        src.put("ip", source.ip());
        m.put("source", src);
        m.put("index", index);
        m.put("message_id", messageId);
        m.put("user_id", userId);
        m.put("anonymous_id", anonymousId);
        IngestError first = errors.get(0);
        m.put("code", first.code());
        m.put("field", first.field());
        m.put("error", first.message());
        m.put("errors", errors.stream().map(RejectedEntry::error).toList());
        m.put("message", excerpt);
        m.put("message_truncated", truncated);
        return m;
    }

    /** Whether the stored entry is about one of these ids (erasure: a person's rejected messages go with them). */
    public static boolean about(byte[] stored, Collection<String> userIds, Collection<String> anonymousIds) {
        RejectedEntry e = fromBytes(stored);
        return e.userId() != null && userIds.contains(e.userId()) || e.anonymousId() != null && anonymousIds.contains(e.anonymousId());
    }

    private static String clean(String s) {
        return s == null ? null : Text.clean(s);
    }

    static Map<String, Object> error(IngestError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", e.code());
        m.put("field", e.field());
        m.put("message", e.message());
        return m;
    }

    private static Object withoutWriteKey(Object message) {
        if (!(message instanceof Map<?, ?> m) || !m.containsKey("writeKey")) return message;
        Map<Object, Object> copy = new LinkedHashMap<>(m);
        copy.remove("writeKey");
        return copy;
    }

    private static String json(Object message) {
        try {
            return Json.MAPPER.writeValueAsString(message);
        } catch (IOException e) {
            return String.valueOf(message); // not expected for decoded JSON; the copy is informative only
        }
    }
}
