package dev.nudge.server.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.ingest.IngestWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook subscriptions, kept durably (META {@code webhook/ID}) with their delivery cursor (STATE
 * {@code wc/ID}, the last transition-log sequence delivered). A new webhook starts at the current
 * end of the log: it receives what happens after it was created.
 */
public final class WebhookRegistry {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final NudgeStore store;
    private final IngestWriter writer;
    private final AddressGuard guard;

    public WebhookRegistry(NudgeStore store, IngestWriter writer, AddressGuard guard) {
        this.store = store;
        this.writer = writer;
        this.guard = guard;
    }

    public AddressGuard guard() {
        return guard;
    }

    public Webhook create(URI url, String secret, List<String> segments, long startAfterSeq) {
        guard.check(url);
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        Webhook w = new Webhook(UUID.randomUUID().toString(), url,
                secret != null && !secret.isBlank() ? secret : "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b),
                segments, Instant.now());
        writer.submitWorkUnchecked(txn -> {
            txn.put(Column.META, key(w.id()), toBytes(w));
            txn.put(Column.STATE, StoreKeys.webhookCursor(w.id()), ByteBuffer.allocate(8).putLong(startAfterSeq).array());
            return null;
        }).join();
        return w;
    }

    public boolean delete(String id) {
        return writer.submitWorkUnchecked(txn -> {
            if (txn.get(Column.META, key(id)) == null) return false;
            txn.delete(Column.META, key(id));
            txn.delete(Column.STATE, StoreKeys.webhookCursor(id));
            return true;
        }).join();
    }

    public List<Webhook> list() {
        List<Webhook> out = new ArrayList<>();
        store.scan(Column.META, StoreKeys.Prefix.WEBHOOK.bytes(), (k, v) -> out.add(fromBytes(v)));
        return out;
    }

    public long cursor(String id) {
        byte[] v = store.get(Column.STATE, StoreKeys.webhookCursor(id));
        return v == null ? -1 : ByteBuffer.wrap(v).getLong();
    }

    /** Durably records that everything up to {@code seq} was delivered. */
    public void advance(String id, long seq) {
        writer.submitWorkUnchecked(txn -> {
            if (txn.get(Column.META, key(id)) != null) {
                txn.put(Column.STATE, StoreKeys.webhookCursor(id), ByteBuffer.allocate(8).putLong(seq).array());
            }
            return null;
        }).join();
    }

    private static byte[] key(String id) {
        return StoreKeys.webhook(id);
    }

    private static byte[] toBytes(Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("url", w.url().toString());
        m.put("secret", w.secret());
        m.put("segments", w.segments());
        m.put("created", w.created().toString());
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Webhook fromBytes(byte[] v) {
        try {
            Map<String, Object> m = MAPPER.readValue(v, Map.class);
            return new Webhook((String) m.get("id"), URI.create((String) m.get("url")), (String) m.get("secret"),
                    (List<String>) m.get("segments"), Instant.parse((String) m.get("created")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
