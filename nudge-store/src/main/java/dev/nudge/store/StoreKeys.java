package dev.nudge.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Every RocksDB key layout of the store, in one place (STYLE.md §10). RocksDB orders keys by
 * unsigned bytes, so each layout is chosen for the scans it must serve:
 *
 * <pre>
 * events    [u16 len][profileId utf8][i64 event-time millis, sign bit flipped][messageId utf8] → event JSON
 *           one profile's events are contiguous and in event-time order; a reverse scan is the timeline
 * profiles  [profileId utf8] → profile JSON
 * ids       ['u'|'a'][raw id utf8] → canonical profileId   (userId / anonymousId resolution)
 * messages  [messageId utf8] → empty                       (dedupe; kept after erasure so retries stay deduped)
 * emails    [u16 len][email utf8][profileId utf8] → empty  (lookup by email; several profiles may share one)
 * meta      [utf8 name] → value                            (credentials, settings)
 * </pre>
 *
 * The length prefix keeps "ab" + time from colliding with "a" + "b…": a prefix scan for one profile
 * can never see another's keys.
 */
public final class StoreKeys {
    private StoreKeys() {}

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The prefix shared by every event key of one profile. */
    public static byte[] eventPrefix(String profileId) {
        byte[] id = utf8(profileId);
        if (id.length > 0xFFFF) throw new IllegalArgumentException("profile id longer than 65535 bytes");
        return ByteBuffer.allocate(2 + id.length).putShort((short) id.length).put(id).array();
    }

    public static byte[] eventKey(String profileId, Instant timestamp, String messageId) {
        byte[] prefix = eventPrefix(profileId);
        byte[] mid = utf8(messageId);
        return ByteBuffer.allocate(prefix.length + 8 + mid.length)
                .put(prefix).putLong(timestamp.toEpochMilli() ^ Long.MIN_VALUE).put(mid).array();
    }

    /** The key of the same event re-homed under another profile (identity merge). */
    public static byte[] rehomeEventKey(byte[] eventKey, String newProfileId) {
        int oldLen = ((eventKey[0] & 0xFF) << 8) | (eventKey[1] & 0xFF);
        byte[] prefix = eventPrefix(newProfileId);
        byte[] rest = Arrays.copyOfRange(eventKey, 2 + oldLen, eventKey.length);
        return ByteBuffer.allocate(prefix.length + rest.length).put(prefix).put(rest).array();
    }

    /** The smallest key strictly greater than every key starting with {@code prefix}. */
    public static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xFF) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null; // all 0xFF: no upper bound
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) return false;
        return Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    public static byte[] userIdKey(String userId) {
        return tagged('u', userId);
    }

    public static byte[] anonymousIdKey(String anonymousId) {
        return tagged('a', anonymousId);
    }

    private static byte[] tagged(char tag, String id) {
        byte[] b = utf8(id);
        byte[] k = new byte[b.length + 1];
        k[0] = (byte) tag;
        System.arraycopy(b, 0, k, 1, b.length);
        return k;
    }

    public static byte[] emailPrefix(String email) {
        return eventPrefix(email); // same [u16 len][utf8] framing
    }

    public static byte[] emailKey(String email, String profileId) {
        byte[] p = emailPrefix(email);
        byte[] id = utf8(profileId);
        return ByteBuffer.allocate(p.length + id.length).put(p).put(id).array();
    }

    public static String profileIdOfEmailKey(byte[] key) {
        int len = ((key[0] & 0xFF) << 8) | (key[1] & 0xFF);
        return new String(key, 2 + len, key.length - 2 - len, StandardCharsets.UTF_8);
    }
}
