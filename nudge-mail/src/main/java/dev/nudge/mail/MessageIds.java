package dev.nudge.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Message-IDs derived from idempotency keys: {@code {26 base32 chars of SHA-256(key)}@{domain}}.
 *
 * <p>Deterministic on purpose: a resend of the same intent (after a crash between SMTP accept and the
 * "sent" mark, under the at-least-once recovery policy) carries the same Message-ID, which receivers
 * and ESPs use to recognise duplicates. Lower case and 26 characters so the local part also fits in
 * a {@code mailto:} unsubscribe address (64-octet limit, possibly case-folded).
 */
public final class MessageIds {
    private static final char[] B32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private MessageIds() {
    }

    public static String fromIdempotencyKey(String key, String domain) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("idempotency key must not be blank");
        if (domain == null || !domain.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("message-id domain must be a host name, got '" + domain + "'");
        }
        return localPart(key) + "@" + domain.toLowerCase(Locale.ROOT);
    }

    static String localPart(String key) {
        byte[] h;
        try {
            h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder b = new StringBuilder(26);
        long buf = 0;
        int bits = 0;
        for (int i = 0; b.length() < 26; i++) {
            buf = (buf << 8) | (h[i] & 0xff);
            bits += 8;
            while (bits >= 5 && b.length() < 26) {
                b.append(B32[(int) (buf >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return b.toString();
    }
}
