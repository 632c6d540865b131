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
 * JSON record {@code {id, kind, created, revoked, origins}} ({@code origins}: the web origins allowed
 * to send with a write key, {@link AllowedOrigins}; absent or empty means any). Admin tokens are stored only as hashes, so a copy
 * of the data folder does not leak them; write keys are stored as they are, since they are not secret
 * (they ship inside web pages and apps, exactly as with Segment). Keys supplied through
 * {@code NUDGE_WRITE_KEY} / {@code NUDGE_ADMIN_TOKEN} are accepted without being stored; the origins of
 * {@code NUDGE_WRITE_KEY} come from {@code NUDGE_WRITE_KEY_ORIGINS} (comma-separated, default any).
 */
public final class Credentials {
    public enum Kind { WRITE, ADMIN }

    /** @param origins where pages may send with this key; always {@link AllowedOrigins#ANY} for an admin token */
    public record Credential(String id, Kind kind, Instant created, boolean revoked, AllowedOrigins origins) {
        public Credential {
            if (origins == null) origins = AllowedOrigins.ANY;
        }
    }

    /** Environment variable holding the origins allowed for {@code NUDGE_WRITE_KEY}. */
    public static final String WRITE_KEY_ORIGINS_ENV = "NUDGE_WRITE_KEY_ORIGINS";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Usable write keys and the origins each allows. */
    private final Map<String, AllowedOrigins> writeKeys = new ConcurrentHashMap<>();
    private final Set<String> adminHashes = ConcurrentHashMap.newKeySet();

    /** Loads the stored, unrevoked credentials plus the ones named in the environment. */
    public static Credentials load(NudgeStore store, Map<String, String> env) {
        Credentials c = new Credentials();
        for (Credential k : list(store)) {
            if (k.revoked()) continue;
            if (k.kind() == Kind.WRITE) c.writeKeys.put(k.id(), k.origins()); else c.adminHashes.add(k.id());
        }
        String wk = env.get("NUDGE_WRITE_KEY");
        if (wk != null && !wk.isBlank()) {
            try {
                c.writeKeys.put(wk.trim(), AllowedOrigins.parse(env.get(WRITE_KEY_ORIGINS_ENV)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(WRITE_KEY_ORIGINS_ENV + ": " + e.getMessage(), e);
            }
        }
        String at = env.get("NUDGE_ADMIN_TOKEN");
        if (at != null && !at.isBlank()) c.adminHashes.add(hash(at.trim()));
        return c;
    }

    public boolean isWriteKey(String key) {
        return key != null && writeKeys.containsKey(key);
    }

    /** The origins allowed to send with {@code key}, or null when it is not a usable write key. */
    public AllowedOrigins originsOf(String key) {
        return key == null ? null : writeKeys.get(key);
    }

    /**
     * True when at least one usable write key allows {@code origin}. A CORS preflight carries no body
     * and no Authorization header, so it cannot name its key; it is answered by this, and the request
     * that follows, which does name its key, is held to that key's own list.
     */
    public boolean someWriteKeyAllows(String origin) {
        for (AllowedOrigins o : writeKeys.values()) if (o.allows(origin)) return true;
        return false;
    }

    public boolean isAdminToken(String token) {
        return token != null && adminHashes.contains(hash(token));
    }

    public void accept(Kind kind, String secret) {
        accept(kind, secret, AllowedOrigins.ANY);
    }

    public void accept(Kind kind, String secret, AllowedOrigins origins) {
        if (kind == Kind.WRITE) writeKeys.put(secret, origins); else adminHashes.add(hash(secret));
    }

    /** Changes the origins of a live write key; no effect on a key that is not live. */
    void allowOrigins(String key, AllowedOrigins origins) {
        writeKeys.computeIfPresent(key, (k, old) -> origins);
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
        return store(txn, kind, secret, now, AllowedOrigins.ANY);
    }

    public static String store(Txn txn, Kind kind, String secret, Instant now, AllowedOrigins origins) {
        String id = kind == Kind.WRITE ? secret : hash(secret);
        txn.put(Column.META, key(kind, id), record(new Credential(id, kind, now, false, kind == Kind.WRITE ? origins : AllowedOrigins.ANY)));
        return id;
    }

    /** Replaces the allowed origins of a stored write key; false if there is no such write key. */
    public static boolean storeOrigins(Txn txn, String writeKey, AllowedOrigins origins) {
        byte[] k = key(Kind.WRITE, writeKey);
        byte[] v = txn.get(Column.META, k);
        if (v == null) return false;
        Credential c = parse(v);
        txn.put(Column.META, k, record(new Credential(c.id(), c.kind(), c.created(), c.revoked(), origins)));
        return true;
    }

    /** Marks a credential revoked (by the id it is listed under, or by the secret itself); false if unknown. */
    public static boolean revoke(Txn txn, String idOrSecret) {
        for (Kind kind : Kind.values()) {
            for (String id : List.of(idOrSecret, hash(idOrSecret))) {
                byte[] k = key(kind, id);
                byte[] v = txn.get(Column.META, k);
                if (v != null) {
                    Credential c = parse(v);
                    txn.put(Column.META, k, record(new Credential(c.id(), c.kind(), c.created(), true, c.origins())));
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
        return (kind == Kind.WRITE ? StoreKeys.Prefix.WRITE_KEY : StoreKeys.Prefix.ADMIN_KEY).bytes();
    }

    private static byte[] key(Kind kind, String id) {
        return kind == Kind.WRITE ? StoreKeys.writeKey(id) : StoreKeys.adminKey(id);
    }

    private static byte[] record(Credential c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("kind", c.kind().name());
        m.put("created", c.created().toString());
        m.put("revoked", c.revoked());
        if (!c.origins().isAny()) m.put("origins", c.origins().entries());
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
            List<String> origins = m.get("origins") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
            return new Credential((String) m.get("id"), Kind.valueOf((String) m.get("kind")),
                    Instant.parse((String) m.get("created")), Boolean.TRUE.equals(m.get("revoked")), new AllowedOrigins(origins));
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
