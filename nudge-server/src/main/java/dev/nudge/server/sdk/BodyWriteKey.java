package dev.nudge.server.sdk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Finds the {@code writeKey} a browser put in its request body, so the CORS layer can hold the
 * request to that key's origins before the ingest handler runs. Streams the top-level fields and
 * skips every value but that one, so the body is not decoded twice; whatever is wrong with the body
 * is left for the ingest handler to report (this answers null).
 */
final class BodyWriteKey {
    private static final JsonFactory JSON = new JsonFactory();
    /** Inflated bytes read at most: the batch limit, past which the ingest handler refuses anyway. */
    private static final int MAX_INFLATED = 500 * 1024;

    private BodyWriteKey() {}

    static String of(byte[] body, String contentEncoding) {
        if (body == null || body.length == 0) return null;
        try (InputStream in = open(body, contentEncoding); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("writeKey".equals(field)) return value == JsonToken.VALUE_STRING && !p.getText().isEmpty() ? p.getText() : null;
                p.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static InputStream open(byte[] body, String contentEncoding) throws IOException {
        InputStream raw = new ByteArrayInputStream(body);
        if (contentEncoding == null || !contentEncoding.toLowerCase(Locale.ROOT).contains("gzip")) return raw;
        return new GZIPInputStream(raw) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0 && (read += n) > MAX_INFLATED) throw new IOException("inflated body over " + MAX_INFLATED + " bytes");
                return n;
            }
        };
    }
}
