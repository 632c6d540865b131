package dev.nudge.server.dashboard;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions, held in memory: a random 256-bit id (the cookie) maps to its CSRF token and
 * expiry. In memory on purpose: nothing secret reaches the store, and a restart simply logs everyone
 * out (the admin token logs in again). Sessions idle longer than {@link #IDLE} expire; every use
 * extends one. Expired entries are dropped when met and on each login.
 */
final class Sessions {
    /** How long a session lives without a request. */
    static final Duration IDLE = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String id, String csrf, Instant expires) {}

    private final Map<String, Session> live = new ConcurrentHashMap<>();
    private final InstantSource clock;

    Sessions(InstantSource clock) {
        this.clock = clock;
    }

    /** 32 random bytes, base64url: 256 bits, unguessable. */
    static String randomToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    Session create() {
        Instant now = clock.instant();
        live.values().removeIf(s -> s.expires().isBefore(now));
        Session s = new Session(randomToken(), randomToken(), now.plus(IDLE));
        live.put(s.id(), s);
        return s;
    }

    /** The live session with this id (extended), or null. */
    Session find(String id) {
        if (id == null) return null;
        Session s = live.get(id);
        if (s == null) return null;
        Instant now = clock.instant();
        if (s.expires().isBefore(now)) {
            live.remove(id, s);
            return null;
        }
        Session extended = new Session(s.id(), s.csrf(), now.plus(IDLE));
        live.replace(id, s, extended);
        return extended;
    }

    void end(String id) {
        if (id != null) live.remove(id);
    }

    /** Constant-time comparison, so a wrong token's timing tells nothing about the right one. */
    static boolean same(String expected, String given) {
        if (expected == null || given == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
