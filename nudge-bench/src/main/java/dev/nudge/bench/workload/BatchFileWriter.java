package dev.nudge.bench.workload;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Writes events as Segment batch files {@code batch-000001.json}, each {@code {"batch":[...]}} within
 * the spec's limits (DESIGN.md §3): at most {@value #MAX_EVENTS} events and {@value #MAX_BYTES} bytes,
 * so each file can be POSTed to {@code /v1/batch} as it is. No {@code sentAt}: the timestamps are
 * historical event times and must not be shifted to the time of upload.
 */
final class BatchFileWriter implements AutoCloseable {

    static final int MAX_EVENTS = 2_500;
    /** 500 KB read as the smaller, decimal kilobyte, so either reading of the limit holds. */
    static final int MAX_BYTES = 500_000;

    private static final byte[] OPEN = "{\"batch\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "]}\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Path dir;
    private final JsonFactory json = new JsonFactory();
    private final MessageDigest digest = Sha256.newDigest();
    private final ByteArrayOutputStream batch = new ByteArrayOutputStream(MAX_BYTES);
    private final ByteArrayOutputStream one = new ByteArrayOutputStream(4096);
    private int inBatch, files;

    BatchFileWriter(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    void write(BenchEvent e) throws IOException {
        one.reset();
        try (JsonGenerator g = json.createGenerator(one, JsonEncoding.UTF8)) {
            EventJson.write(g, e);
        }
        if (one.size() + OPEN.length + CLOSE.length > MAX_BYTES) {
            throw new IllegalStateException("event " + e.messageId() + " alone is " + one.size() + " bytes, over the batch limit");
        }
        if (inBatch == MAX_EVENTS || batch.size() + 1 + one.size() + CLOSE.length > MAX_BYTES) {
            flush();
        }
        if (inBatch == 0) {
            batch.write(OPEN);
        } else {
            batch.write(',');
        }
        one.writeTo(batch);
        inBatch++;
    }

    int files() {
        return files;
    }

    String sha256() {
        return Sha256.hex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void flush() throws IOException {
        if (inBatch == 0) return;
        batch.write(CLOSE);
        files++;
        try (OutputStream out = Files.newOutputStream(dir.resolve(String.format("batch-%06d.json", files)))) {
            batch.writeTo(out);
        }
        digest.update(batch.toByteArray());
        batch.reset();
        inBatch = 0;
    }

    /** The Segment-spec JSON of one event, field names as the spec spells them. */
    static final class EventJson {
        private EventJson() {
        }

        static void write(JsonGenerator g, BenchEvent e) throws IOException {
            g.writeStartObject();
            g.writeStringField("messageId", e.messageId());
            g.writeStringField("type", e.type());
            if (e.userId() != null) g.writeStringField("userId", e.userId());
            if (e.anonymousId() != null) g.writeStringField("anonymousId", e.anonymousId());
            if (e.event() != null) g.writeStringField("event", e.event());
            g.writeStringField("timestamp", Instant.ofEpochMilli(e.ts()).toString());
            if (e.type().equals("identify")) {
                traits(g, e.traits());
            } else {
                properties(g, e);
            }
            g.writeEndObject();
        }

        private static void properties(JsonGenerator g, BenchEvent e) throws IOException {
            g.writeObjectFieldStart("properties");
            if (e.path() != null) g.writeStringField("path", e.path());
            if (e.productId() != null) g.writeStringField("product_id", e.productId());
            if (e.category() != null) g.writeStringField("category", e.category());
            if (e.priceCents() != null) g.writeNumberField("price", BigDecimal.valueOf(e.priceCents(), 2));
            if (e.checkoutId() != null) g.writeStringField("checkout_id", e.checkoutId());
            if (e.orderId() != null) g.writeStringField("order_id", e.orderId());
            if (e.revenueCents() != null) {
                g.writeNumberField("revenue", BigDecimal.valueOf(e.revenueCents(), 2));
                g.writeStringField("currency", "USD");
            }
            if (!e.products().isEmpty()) {
                g.writeArrayFieldStart("products");
                for (BenchEvent.Item i : e.products()) {
                    g.writeStartObject();
                    g.writeStringField("product_id", i.productId());
                    g.writeStringField("category", i.category());
                    g.writeNumberField("price", BigDecimal.valueOf(i.priceCents(), 2));
                    g.writeNumberField("quantity", i.quantity());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            if (e.campaignId() != null) g.writeStringField("campaign_id", e.campaignId());
            if (e.machine() != null) g.writeBooleanField("machine", e.machine());
            g.writeEndObject();
        }

        private static void traits(JsonGenerator g, BenchEvent.Traits t) throws IOException {
            g.writeObjectFieldStart("traits");
            if (t.email() != null) g.writeStringField("email", t.email());
            if (t.firstName() != null) g.writeStringField("first_name", t.firstName());
            if (t.plan() != null) g.writeStringField("plan", t.plan());
            if (t.age() != null) g.writeNumberField("age", t.age());
            if (t.createdAtMs() != null) g.writeStringField("created_at", Instant.ofEpochMilli(t.createdAtMs()).toString());
            if (t.renewalAtMs() != null) g.writeStringField("renewal_at", Instant.ofEpochMilli(t.renewalAtMs()).toString());
            if (t.consentEmail() != null) {
                g.writeObjectFieldStart("consent");
                g.writeStringField("email", t.consentEmail());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }
}
