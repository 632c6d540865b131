package dev.nudge.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signed, URL-safe tokens for tracking and unsubscribe links.
 *
 * <p>Format: {@code base64url(fields joined by NUL) "." base64url(first 16 bytes of HMAC)}. The MAC
 * covers a purpose string too ({@code "click"}, {@code "open"}, {@code "unsub"}), so a token minted
 * for one purpose never verifies for another. 128 bits of MAC make forging a token infeasible while
 * keeping URLs short. Verification compares in constant time. Thread-safe (a Mac per call).
 *
 * <p>Fields are plain strings and may not contain NUL; that keeps the encoding unambiguous.
 */
public final class TokenSigner {
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    /** Retired keys: still accepted when verifying, never used to sign (key rotation without dead links). */
    private final List<SecretKeySpec> previous;

    /** @param secret at least 32 bytes of secret key material */
    public TokenSigner(byte[] secret) {
        this(secret, List.of());
    }

    /**
     * @param secret the signing key (at least 32 bytes)
     * @param previousSecrets retired keys whose tokens (in mail already sent) must keep working
     */
    public TokenSigner(byte[] secret, List<byte[]> previousSecrets) {
        this.key = spec(secret);
        this.previous = previousSecrets.stream().map(TokenSigner::spec).toList();
    }

    private static SecretKeySpec spec(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the token signing key must be at least 32 bytes; "
                    + "generate one with `openssl rand -base64 32` and configure it as the mail signing secret");
        }
        return new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String sign(String purpose, String... fields) {
        byte[] payload = join(fields);
        return ENC.encodeToString(payload) + "." + ENC.encodeToString(mac(key, purpose, payload));
    }

    /** The signed fields, or empty when the token is malformed, tampered with or minted for another purpose. */
    public Optional<List<String>> verify(String purpose, String token) {
        if (token == null || token.length() > 2048) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) return Optional.empty();
        byte[] payload;
        byte[] given;
        try {
            payload = DEC.decode(token.substring(0, dot));
            given = DEC.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean ok = MessageDigest.isEqual(given, mac(key, purpose, payload));
        for (SecretKeySpec k : previous) ok |= MessageDigest.isEqual(given, mac(k, purpose, payload));
        return ok ? Optional.of(split(payload)) : Optional.empty();
    }

    /**
     * A short lower-case hex MAC (80 bits) over one field, for places that cannot hold a full token:
     * the local part of a {@code mailto:} unsubscribe address is limited to 64 octets and may be
     * case-folded by mail servers.
     */
    public String shortMac(String purpose, String field) {
        return shortMac(key, purpose, field);
    }

    private static String shortMac(SecretKeySpec k, String purpose, String field) {
        return java.util.HexFormat.of().formatHex(mac(k, purpose, join(field)), 0, 10);
    }

    public boolean verifyShortMac(String purpose, String field, String mac) {
        if (mac == null) return false;
        byte[] given = mac.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean ok = MessageDigest.isEqual(shortMac(key, purpose, field).getBytes(StandardCharsets.US_ASCII), given);
        for (SecretKeySpec k : previous) ok |= MessageDigest.isEqual(shortMac(k, purpose, field).getBytes(StandardCharsets.US_ASCII), given);
        return ok;
    }

    private static byte[] mac(SecretKeySpec k, String purpose, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(k);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }

    private static byte[] join(String... fields) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i] == null ? "" : fields[i];
            if (f.indexOf('\0') >= 0) throw new IllegalArgumentException("token field " + i + " contains NUL");
            if (i > 0) b.append('\0');
            b.append(f);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> split(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '\0') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }
}
