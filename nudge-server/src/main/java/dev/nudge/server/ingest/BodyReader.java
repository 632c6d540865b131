package dev.nudge.server.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.core.ingest.IngestError;
import dev.nudge.core.ingest.InvalidMessageException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Decodes request bodies under the Segment spec's limits: 32 KB a call, 500 KB and 2,500 messages a
 * batch, 32 KB each message inside a batch. A batch is read with a streaming parser so each
 * message's size is measured from byte offsets, without serializing anything twice.
 *
 * <p>What refuses the whole request throws (not JSON, a call or batch over its limit); a message
 * over 32 KB inside a batch does not: it is a problem of that message alone, reported in
 * {@link Batch#oversized()} so the rest of the batch can still be stored.
 */
final class BodyReader {
    static final int MAX_CALL_BYTES = 32 * 1024;
    static final int MAX_BATCH_BYTES = 500 * 1024;
    static final int MAX_BATCH_MESSAGES = 2_500;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BodyReader() {}

    /**
     * A decoded batch: its messages, its top-level fields other than {@code batch}, and the size in
     * bytes of each message over {@link #MAX_CALL_BYTES}, by index (those are decoded all the same).
     */
    record Batch(List<Object> messages, Map<String, Object> top, Map<Integer, Long> oversized) {}

    /** The problem of a message inside a batch that is over {@link #MAX_CALL_BYTES}. */
    static IngestError messageTooLarge(long size) {
        return new IngestError("too_large", null, "the message is " + size + " bytes; the limit is " + MAX_CALL_BYTES
                + " bytes a message; trim properties or traits");
    }

    /** Inflates a gzip body (the official clients compress), refusing to inflate past {@code limit}. */
    static byte[] inflate(byte[] body, String contentEncoding, int limit) throws InvalidMessageException {
        if (contentEncoding == null || !contentEncoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) return body;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(body.length * 4);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > limit) throw tooLarge(out.size(), limit);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InvalidMessageException(new IngestError("malformed_gzip", null,
                    "the body says Content-Encoding: gzip but is not valid gzip; send it uncompressed or fix the compression"));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> call(byte[] body) throws InvalidMessageException {
        if (body.length > MAX_CALL_BYTES) throw tooLarge(body.length, MAX_CALL_BYTES);
        Object v = parse(body);
        if (!(v instanceof Map)) {
            throw new InvalidMessageException(new IngestError("not_an_object", null, "the body must be one JSON object (a Segment message)"));
        }
        return (Map<String, Object>) v;
    }

    static Batch batch(byte[] body) throws InvalidMessageException {
        if (body.length > MAX_BATCH_BYTES) throw tooLarge(body.length, MAX_BATCH_BYTES);
        List<Object> messages = null;
        Map<String, Object> top = new LinkedHashMap<>();
        Map<Integer, Long> oversized = new LinkedHashMap<>();
        try (JsonParser p = MAPPER.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidMessageException(new IngestError("not_an_object", null, "a batch body must be a JSON object like {\"batch\": [...]}"));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("batch".equals(field)) {
                    if (t != JsonToken.START_ARRAY) {
                        throw new InvalidMessageException(new IngestError("invalid_batch", "batch", "\"batch\" must be an array of messages"));
                    }
                    messages = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        long start = p.currentTokenLocation().getByteOffset();
                        Object m = MAPPER.readValue(p, Object.class);
                        long size = p.currentLocation().getByteOffset() - start;
                        if (size > MAX_CALL_BYTES) oversized.put(messages.size(), size);
                        messages.add(m);
                        if (messages.size() > MAX_BATCH_MESSAGES) {
                            throw new InvalidMessageException(new IngestError("batch_too_many", "batch",
                                    "a batch holds at most " + MAX_BATCH_MESSAGES + " messages; split it into smaller batches"));
                        }
                    }
                } else {
                    top.put(field, MAPPER.readValue(p, Object.class));
                }
            }
            if (p.nextToken() != null) throw malformed("unexpected content after the JSON object");
        } catch (JsonProcessingException e) {
            throw malformed(describe(e));
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
        if (messages == null) {
            throw new InvalidMessageException(new IngestError("missing_batch", "batch", "a batch body needs a \"batch\" array of messages"));
        }
        return new Batch(messages, top, oversized);
    }

    private static Object parse(byte[] body) throws InvalidMessageException {
        try {
            return MAPPER.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw malformed(describe(e));
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
    }

    private static String describe(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        if (e.getLocation() != null) msg += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return msg;
    }

    private static InvalidMessageException malformed(String detail) {
        return new InvalidMessageException(new IngestError("malformed_json", null,
                "the body is not valid JSON (" + detail + "); send one JSON object"));
    }

    private static InvalidMessageException tooLarge(long size, int limit) {
        return new InvalidMessageException(new IngestError("too_large", null, "the body is " + size + " bytes; the limit is " + limit
                + " bytes" + (limit == MAX_BATCH_BYTES ? "; split it into smaller batches" : "; trim properties or traits")));
    }
}
