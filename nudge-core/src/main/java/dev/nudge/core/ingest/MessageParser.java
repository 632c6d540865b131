package dev.nudge.core.ingest;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one decoded Segment-spec message (a JSON object as a Map) into an {@link Event}, or
 * reports every problem with it. Field names and meanings follow the Segment spec exactly:
 * {@code type, userId, anonymousId, event, properties, traits, context, timestamp, sentAt,
 * messageId, previousId, groupId, name}.
 *
 * <p>Pure: the caller supplies {@code receivedAt}. Batch-level {@code sentAt} and {@code context}
 * apply to every message of the batch unless the message has its own.
 */
public final class MessageParser {
    /** Longest id accepted, in characters; Segment's own limit is far above what real ids use. */
    public static final int MAX_ID_LENGTH = 512;

    private MessageParser() {}

    /**
     * @param impliedType the call type of the endpoint ({@code /v1/track} implies TRACK), or null for a
     *                    batch item, which must carry its own {@code type}
     * @param batchSentAt the batch's sentAt, or null
     */
    public static Event parse(Object raw, EventType impliedType, Instant receivedAt, Instant batchSentAt,
                              Map<String, Object> batchContext) throws InvalidMessageException {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new InvalidMessageException(new IngestError("not_an_object", null,
                    "each message must be a JSON object like {\"type\":\"track\",\"userId\":\"u1\",\"event\":\"Signed Up\"}"));
        }
        @SuppressWarnings("unchecked") Map<String, Object> msg = (Map<String, Object>) m;
        List<IngestError> errors = new ArrayList<>();

        EventType type = impliedType;
        Object rawType = msg.get("type");
        if (impliedType == null) {
            if (rawType == null) {
                errors.add(new IngestError("missing_type", "type", "add a \"type\": one of identify, track, page, screen, group, alias"));
            } else if (!(rawType instanceof String s) || (type = EventType.fromWire(s)) == null) {
                errors.add(new IngestError("invalid_type", "type", "unknown type " + quote(rawType) + "; use one of identify, track, page, screen, group, alias"));
            }
        }

        String userId = id(msg, "userId", errors);
        String anonymousId = id(msg, "anonymousId", errors);
        if (userId == null && anonymousId == null && !hasError(errors, "userId", "anonymousId")) {
            errors.add(new IngestError("missing_id", "userId", "every message needs a userId or an anonymousId (a non-empty string)"));
        }
        String messageId = id(msg, "messageId", errors);
        String previousId = id(msg, "previousId", errors);
        String groupId = id(msg, "groupId", errors);

        String name = null;
        if (type == EventType.TRACK) {
            Object e = msg.get("event");
            if (e == null) errors.add(new IngestError("missing_event", "event", "a track call needs an \"event\" name, e.g. \"Order Completed\""));
            else if (!(e instanceof String s) || s.isBlank()) errors.add(new IngestError("invalid_event", "event", "\"event\" must be a non-empty string, got " + quote(e)));
            else name = s;
        } else if (type == EventType.PAGE || type == EventType.SCREEN) {
            Object n = msg.get("name");
            if (n != null && !(n instanceof String)) errors.add(new IngestError("invalid_name", "name", "\"name\" must be a string, got " + quote(n)));
            else name = (String) n;
        }
        if (type == EventType.ALIAS) {
            if (previousId == null && !hasError(errors, "previousId")) errors.add(new IngestError("missing_previous_id", "previousId", "an alias call needs \"previousId\", the id being merged"));
            if (userId == null && !hasError(errors, "userId")) errors.add(new IngestError("missing_user_id", "userId", "an alias call needs \"userId\", the id to merge into"));
        }
        if (type == EventType.GROUP && groupId == null && !hasError(errors, "groupId")) {
            errors.add(new IngestError("missing_group_id", "groupId", "a group call needs a \"groupId\""));
        }

        Map<String, Object> properties = object(msg, "properties", errors);
        Map<String, Object> traits = object(msg, "traits", errors);
        Map<String, Object> context = object(msg, "context", errors);
        if (context == null) context = batchContext;
        if (type == EventType.IDENTIFY && traits == null && context != null && context.get("traits") instanceof Map<?, ?> ct) {
            @SuppressWarnings("unchecked") Map<String, Object> t = (Map<String, Object>) ct;
            traits = t; // analytics.js puts identify traits in context.traits when called with none
        }

        Instant timestamp = instant(msg, "timestamp", errors);
        if (timestamp == null && msg.get("timestamp") == null) timestamp = instant(msg, "originalTimestamp", errors);
        Instant sentAt = instant(msg, "sentAt", errors);
        if (sentAt == null) sentAt = batchSentAt;

        if (!errors.isEmpty()) throw new InvalidMessageException(errors);
        Timestamps.Corrected corrected = Timestamps.correct(timestamp, sentAt, receivedAt);
        if (corrected.clamped()) {
            context = new java.util.LinkedHashMap<>(context == null ? Map.of() : context);
            context.put("nudge_timestamp_clamped", true);
        }
        if (messageId == null) messageId = "nudge-" + UUID.randomUUID();
        return new Event(messageId, type, userId, anonymousId, name,
                properties, traits, context, corrected.timestamp(), receivedAt, previousId, groupId);
    }

    private static boolean hasError(List<IngestError> errors, String... fields) {
        for (IngestError e : errors) for (String f : fields) if (f.equals(e.field())) return true;
        return false;
    }

    /** An id: a non-empty string, or a number (Segment's libraries send numeric ids; they become strings). */
    private static String id(Map<String, Object> msg, String field, List<IngestError> errors) {
        Object v = msg.get(field);
        if (v == null) return null;
        String s;
        if (v instanceof String str) s = str;
        else if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger) s = v.toString();
        else {
            errors.add(new IngestError("invalid_" + snake(field), field, "\"" + field + "\" must be a string, got " + quote(v)));
            return null;
        }
        if (s.isEmpty()) return null;
        if (s.length() > MAX_ID_LENGTH) {
            errors.add(new IngestError("invalid_" + snake(field), field, "\"" + field + "\" is " + s.length() + " characters; the limit is " + MAX_ID_LENGTH));
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                errors.add(new IngestError("invalid_" + snake(field), field, "\"" + field + "\" contains a control character at position " + i + "; remove it"));
                return null;
            }
        }
        return s;
    }

    private static Map<String, Object> object(Map<String, Object> msg, String field, List<IngestError> errors) {
        Object v = msg.get(field);
        if (v == null) return null;
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) m;
            return Collections.unmodifiableMap(r);
        }
        errors.add(new IngestError("invalid_" + field, field, "\"" + field + "\" must be a JSON object, got " + quote(v)));
        return null;
    }

    private static Instant instant(Map<String, Object> msg, String field, List<IngestError> errors) {
        Object v = msg.get(field);
        if (v == null) return null;
        if (v instanceof String s) {
            try {
                return dev.nudge.core.json.FastInstant.parse(s);
            } catch (DateTimeParseException e) {
                // fall through to the error below
            }
        }
        errors.add(new IngestError("invalid_" + snake(field), field,
                "\"" + field + "\" must be an ISO-8601 date-time like 2024-05-01T12:00:00Z, got " + quote(v)));
        return null;
    }

    private static String snake(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    static String quote(Object v) {
        String s = v instanceof String str ? "\"" + str + "\"" : String.valueOf(v);
        if (v instanceof Map) s = "an object";
        else if (v instanceof List) s = "an array";
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
