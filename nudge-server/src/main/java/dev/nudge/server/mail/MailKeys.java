package dev.nudge.server.mail;

import dev.nudge.store.StoreKeys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Every RocksDB key layout of the mail feature, in the {@code STATE} column (and one in {@code META}).
 * Each layout starts with its own tag, none of which is a prefix of a {@code StateKeys} tag or of
 * another tag here, so prefix scans never cross kinds. Range order is byte order: ids are UTF-8,
 * times 8-byte big-endian with the sign bit flipped (byte order = time order), and variable-length
 * ids inside a composite key are length-prefixed (u16) so one id can never be a prefix of another.
 *
 * <pre>
 * STATE eo/  [idempotencyKey]                      → outbox entry JSON            (OutboxCodec)
 * STATE es/  [status name] 0x00 [idempotencyKey]   → ∅   status index; written in the same batch as eo/
 * STATE em/  [messageId]                           → stored message JSON (links for click redirects)
 * STATE ex/  [email] 0x00 [REASON]                 → suppression JSON; (email, reason) order = API order
 * STATE ec/  [u16 len][profileId][at 8][seq 8]     → consent log entry JSON, oldest first
 * STATE eb/  [broadcastId]                         → broadcast state JSON (checkpoint + counts, one key)
 * STATE ed/  [broadcastId]                         → broadcast definition JSON (template, segment, size)
 * STATE er/  [u16 len][broadcastId][seq 8]         → recipient profile id (the frozen snapshot)
 * META  mail/signing-secret                        → 32 random bytes (token HMAC key), made on first start
 * </pre>
 */
final class MailKeys {
    private MailKeys() {}

    static final byte[] OUTBOX = StoreKeys.utf8("eo/"), STATUS = StoreKeys.utf8("es/"), MESSAGE = StoreKeys.utf8("em/"),
            SUPPRESSION = StoreKeys.utf8("ex/"), CONSENT = StoreKeys.utf8("ec/"), BROADCAST = StoreKeys.utf8("eb/"),
            BROADCAST_DEF = StoreKeys.utf8("ed/"), RECIPIENT = StoreKeys.utf8("er/");
    static final byte[] SIGNING_SECRET = StoreKeys.utf8("mail/signing-secret");

    static byte[] outbox(String key) {
        return concat(OUTBOX, StoreKeys.utf8(key));
    }

    static byte[] statusPrefix(String status) {
        return concat(STATUS, StoreKeys.utf8(status + "\0"));
    }

    static byte[] status(String status, String key) {
        return concat(statusPrefix(status), StoreKeys.utf8(key));
    }

    static String keyOfStatus(byte[] k, String status) {
        int skip = statusPrefix(status).length;
        return new String(k, skip, k.length - skip, StandardCharsets.UTF_8);
    }

    static byte[] message(String messageId) {
        return concat(MESSAGE, StoreKeys.utf8(messageId));
    }

    static byte[] suppressionPrefix(String email) {
        return concat(SUPPRESSION, StoreKeys.utf8(email + "\0"));
    }

    static byte[] suppression(String email, String reason) {
        return concat(suppressionPrefix(email), StoreKeys.utf8(reason));
    }

    static byte[] consentPrefix(String profileId) {
        return concat(CONSENT, lengthPrefixed(profileId));
    }

    static byte[] consent(String profileId, Instant at, long seq) {
        byte[] p = consentPrefix(profileId);
        return ByteBuffer.allocate(p.length + 16).put(p).putLong(at.toEpochMilli() ^ Long.MIN_VALUE).putLong(seq).array();
    }

    static byte[] broadcast(String id) {
        return concat(BROADCAST, StoreKeys.utf8(id));
    }

    static byte[] broadcastDef(String id) {
        return concat(BROADCAST_DEF, StoreKeys.utf8(id));
    }

    static byte[] recipientPrefix(String broadcastId) {
        return concat(RECIPIENT, lengthPrefixed(broadcastId));
    }

    static byte[] recipient(String broadcastId, long seq) {
        byte[] p = recipientPrefix(broadcastId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(seq).array();
    }

    private static byte[] lengthPrefixed(String id) {
        byte[] b = StoreKeys.utf8(id);
        if (b.length > 0xFFFF) throw new IllegalArgumentException("id longer than 65535 bytes");
        return ByteBuffer.allocate(2 + b.length).putShort((short) b.length).put(b).array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
