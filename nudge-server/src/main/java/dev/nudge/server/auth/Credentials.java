package dev.nudge.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Write keys (ingest only) and admin tokens (everything else), DESIGN.md §15.
 *
 * <p>Stored in the META column: {@code write/<key>} and {@code admin/<sha256(token)>}, each with a
 * JSON record {@code {id, kind, created, revoked}}. Admin tokens are stored only as hashes, so a copy
 * of the data folder does not leak them; write keys are stored as they are, since they are not secret
 * (they ship inside web pages and apps, exactly as with Segment). Keys supplied through
 * {@code NUDGE_WRITE_KEY} / {@code NUDGE_ADMIN_TOKEN} are accepted without being stored.
 */
public final class Credentials {
    public enum Kind { WRITE, ADMIN }

    public record Credential(String id, Kind kind, Instant created, boolean revoked) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> writeKeys = ConcurrentHashMap.newKeySet();
    private final Set<String> adminHashes = ConcurrentHashMap.newKeySet();

    /** Loads the stored, unrevoked credentials plus the ones named in the environment. */
    public static Credentials load(NudgeStore store, Map<String, String> env) {
        Credentials c = new Credentials();
        for (Credential k : list(store)) {
            if (k.revoked()) continue;
            if (k.kind() == Kind.WRITE) c.writeKeys.add(k.id()); else c.adminHashes.add(k.id());
        }
        String wk = env.get("NUDGE_WRITE_KEY");
        if (wk != null && !wk.isBlank()) c.writeKeys.add(wk.trim());
        String at = env.get("NUDGE_ADMIN_TOKEN");
        if (at != null && !at.isBlank()) c.adminHashes.add(hash(at.trim()));
        return c;
    }

    public boolean isWriteKey(String key) {
        return key != null && writeKeys.contains(key);
    }

    public boolean isAdminToken(String token) {
        return token != null && adminHashes.contains(hash(token));
    }

    public void accept(Kind kind, String secret) {
        if (kind == Kind.WRITE) writeKeys.add(secret); else adminHashes.add(hash(secret));
    }

    /**
     * The public id of a write key: {@code wk_} and the first 12 hex digits of its SHA-256. Logs and
     * the admin API name a key by it (the rejected-messages log does), so they never hold the key;
     * {@code nudge keys list} shows it next to each key.
     */
    public static String publicId(String writeKey) {
        return "wk_" + hash(writeKey).substring(0, 12);
    }

    public static String newSecret(Kind kind) {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return (kind == Kind.WRITE ? "nwk_" : "nat_") + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Stores a new credential inside a writer transaction; returns the id it is listed under. */
    public static String store(Txn txn, Kind kind, String secret, Instant now) {
        String id = kind == Kind.WRITE ? secret : hash(secret);
        txn.put(Column.META, key(kind, id), record(new Credential(id, kind, now, false)));
        return id;
    }

    /** Marks a credential revoked (by the id it is listed under, or by the secret itself); false if unknown. */
    public static boolean revoke(Txn txn, String idOrSecret) {
        for (Kind kind : Kind.values()) {
            for (String id : List.of(idOrSecret, hash(idOrSecret))) {
                byte[] k = key(kind, id);
                byte[] v = txn.get(Column.META, k);
                if (v != null) {
                    Credential c = parse(v);
                    txn.put(Column.META, k, record(new Credential(c.id(), c.kind(), c.created(), true)));
                    return true;
                }
            }
        }
        return false;
    }

    public void forget(String idOrSecret) {
        writeKeys.remove(idOrSecret);
        adminHashes.remove(idOrSecret);
        adminHashes.remove(hash(idOrSecret));
    }

    public static List<Credential> list(NudgeStore store) {
        List<Credential> out = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            store.scan(Column.META, prefix(kind), (k, v) -> out.add(parse(v)));
        }
        return out;
    }

    private static byte[] prefix(Kind kind) {
        return StoreKeys.utf8(kind == Kind.WRITE ? "write/" : "admin/");
    }

    private static byte[] key(Kind kind, String id) {
        return StoreKeys.utf8((kind == Kind.WRITE ? "write/" : "admin/") + id);
    }

    private static byte[] record(Credential c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("kind", c.kind().name());
        m.put("created", c.created().toString());
        m.put("revoked", c.revoked());
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Credential parse(byte[] v) {
        try {
            Map<String, Object> m = MAPPER.readValue(v, Map.class);
            return new Credential((String) m.get("id"), Kind.valueOf((String) m.get("kind")),
                    Instant.parse((String) m.get("created")), Boolean.TRUE.equals(m.get("revoked")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
