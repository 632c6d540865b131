package dev.nudge.server.ingest;

import dev.nudge.core.ingest.IngestError;
import dev.nudge.core.ingest.MessageParser;

import java.util.List;
import java.util.Map;

/**
 * One message of a request that ingestion refused, and why; the other messages of its batch are
 * stored all the same (DESIGN.md §3: one bad message never costs the good ones).
 *
 * @param index     the message's position in its batch (0 for a single call)
 * @param messageId the {@code messageId} the client sent, or null when it sent none (or none usable)
 * @param errors    every problem found, each {@code field} relative to the message ({@code "event"});
 *                  null when the problem is the whole message (not an object, over 32 KB)
 * @param message   the message as decoded, for the log's truncated copy; null for a JSON {@code null}
 * @param library   {@code context.library} as "name/version" (the message's, else the batch's), or null
 */
public record Rejection(int index, String messageId, List<IngestError> errors, Object message, String library) {
    /** Longest library name kept; real ones are like "analytics-java/3.5.1". */
    static final int MAX_LIBRARY_LENGTH = 100;

    public Rejection {
        if (index < 0) throw new IllegalArgumentException("index must not be negative, got " + index);
        if (errors.isEmpty()) throw new IllegalArgumentException("a rejection needs at least one error");
        errors = List.copyOf(errors);
        if (messageId != null && messageId.length() > MessageParser.MAX_ID_LENGTH) {
            throw new IllegalArgumentException("messageId longer than " + MessageParser.MAX_ID_LENGTH + "; use of(), which cuts it");
        }
    }

    /** The problem reported first: its code is the one counted in the metrics. */
    public IngestError first() {
        return errors.get(0);
    }

    /** Builds the rejection of message {@code raw}, reading its id and library the way the parser would. */
    static Rejection of(int index, Object raw, Map<String, Object> batchContext, List<IngestError> errors) {
        Map<?, ?> msg = raw instanceof Map<?, ?> m ? m : Map.of();
        return new Rejection(index, id(msg.get("messageId")), errors, raw,
                library(msg.get("context") instanceof Map<?, ?> c ? c : batchContext));
    }

    /** A string or whole-number id, as the parser accepts them; cut at the id limit so an oversized one still shows. */
    static String id(Object v) {
        String s = v instanceof String str ? str
                : v instanceof Integer || v instanceof Long || v instanceof java.math.BigInteger ? v.toString() : null;
        if (s == null || s.isEmpty()) return null;
        return s.length() > MessageParser.MAX_ID_LENGTH ? s.substring(0, MessageParser.MAX_ID_LENGTH) : s;
    }

    private static String library(Map<?, ?> context) {
        if (context == null || !(context.get("library") instanceof Map<?, ?> lib) || !(lib.get("name") instanceof String name)) return null;
        String s = lib.get("version") instanceof String v ? name + "/" + v : name;
        return s.length() > MAX_LIBRARY_LENGTH ? s.substring(0, MAX_LIBRARY_LENGTH) : s;
    }
}
