package dev.nudge.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Key layouts of the {@link Column#STATE} column: derived state kept in the same atomic writes as the
 * events that change it. Each layout starts with a short tag so prefix scans never cross kinds.
 * Times are epoch millis as 8-byte big-endian with the sign bit flipped (byte order = time order).
 *
 * <pre>
 * s/  [profileId]                                → segment engine state (ProfileSegmentState.encode)
 * d/  [profileId]                                → the profile's armed timer: due millis (8 bytes)
 * t/  [due 8][profileId]                         → empty   (timer index: a scan from "t/" finds what is due)
 * pm/ [u16 len][profileId][segmentId]            → since millis   (a profile's memberships)
 * m/  [u16 len][segmentId][profileId]            → since millis   (a segment's members, in profile-id order)
 * h/  [u16 len][segmentId][at 8][seq 8]          → transition JSON (a segment's history, in time order)
 * x/  [seq 8]                                    → transition JSON (the global transition log, for streams and webhooks)
 * ph/ [u16 len][profileId][seq 8]              → the h/ key of that transition (a profile's history, for export and erasure)
 * wc/ [webhookId]                                → last delivered log seq (8 bytes)
 * rj/ [seq 8]                                    → a rejected-message entry (JSON, nudge-server's RejectedEntry);
 *                                                  oldest first, so the newest-first listing is a reverse scan
 * rb/                                            → [next seq 8][oldest kept seq 8]: the bounds of rj/, written in
 *                                                  the same write as the entries they describe (RejectedLog)
 * </pre>
 */
public final class StateKeys {
    private StateKeys() {}

    public static byte[] state(String profileId) {
        return concat("s/", StoreKeys.utf8(profileId));
    }

    public static byte[] due(String profileId) {
        return concat("d/", StoreKeys.utf8(profileId));
    }

    public static final byte[] TIMER_PREFIX = StoreKeys.utf8("t/");

    public static byte[] timer(long dueMillis, String profileId) {
        byte[] id = StoreKeys.utf8(profileId);
        return ByteBuffer.allocate(2 + 8 + id.length).put(TIMER_PREFIX).putLong(dueMillis ^ Long.MIN_VALUE).put(id).array();
    }

    public static long timerDue(byte[] key) {
        return ByteBuffer.wrap(key, 2, 8).getLong() ^ Long.MIN_VALUE;
    }

    public static String timerProfile(byte[] key) {
        return new String(key, 10, key.length - 10, StandardCharsets.UTF_8);
    }

    public static byte[] profileMembershipPrefix(String profileId) {
        return concat("pm/", StoreKeys.eventPrefix(profileId));
    }

    public static byte[] profileMembership(String profileId, String segmentId) {
        return concat(profileMembershipPrefix(profileId), StoreKeys.utf8(segmentId));
    }

    public static String segmentOfProfileMembership(byte[] key, String profileId) {
        int skip = profileMembershipPrefix(profileId).length;
        return new String(key, skip, key.length - skip, StandardCharsets.UTF_8);
    }

    public static byte[] memberPrefix(String segmentId) {
        return concat("m/", StoreKeys.eventPrefix(segmentId));
    }

    public static byte[] member(String segmentId, String profileId) {
        return concat(memberPrefix(segmentId), StoreKeys.utf8(profileId));
    }

    public static String profileOfMember(byte[] key, String segmentId) {
        int skip = memberPrefix(segmentId).length;
        return new String(key, skip, key.length - skip, StandardCharsets.UTF_8);
    }

    public static byte[] historyPrefix(String segmentId) {
        return concat("h/", StoreKeys.eventPrefix(segmentId));
    }

    public static byte[] history(String segmentId, Instant at, long seq) {
        byte[] p = historyPrefix(segmentId);
        return ByteBuffer.allocate(p.length + 16).put(p).putLong(at.toEpochMilli() ^ Long.MIN_VALUE).putLong(seq).array();
    }

    public static byte[] historyFrom(String segmentId, Instant from) {
        byte[] p = historyPrefix(segmentId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(from.toEpochMilli() ^ Long.MIN_VALUE).array();
    }

    public static final byte[] LOG_PREFIX = StoreKeys.utf8("x/");

    public static byte[] log(long seq) {
        return ByteBuffer.allocate(2 + 8).put(LOG_PREFIX).putLong(seq).array();
    }

    public static long logSeq(byte[] key) {
        return ByteBuffer.wrap(key, 2, 8).getLong();
    }

    public static byte[] profileHistoryPrefix(String profileId) {
        return concat("ph/", StoreKeys.eventPrefix(profileId));
    }

    public static byte[] profileHistory(String profileId, long seq) {
        byte[] p = profileHistoryPrefix(profileId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(seq).array();
    }

    public static byte[] webhookCursor(String webhookId) {
        return concat("wc/", StoreKeys.utf8(webhookId));
    }

    public static final byte[] REJECTED_PREFIX = StoreKeys.utf8("rj/");
    public static final byte[] REJECTED_BOUNDS = StoreKeys.utf8("rb/");

    public static byte[] rejected(long seq) {
        return ByteBuffer.allocate(3 + 8).put(REJECTED_PREFIX).putLong(seq).array();
    }

    public static long rejectedSeq(byte[] key) {
        return ByteBuffer.wrap(key, 3, 8).getLong();
    }

    public static byte[] millis(Instant t) {
        return ByteBuffer.allocate(8).putLong(t.toEpochMilli()).array();
    }

    public static Instant instant(byte[] v) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(v).getLong());
    }

    private static byte[] concat(String tag, byte[] rest) {
        return concat(StoreKeys.utf8(tag), rest);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
