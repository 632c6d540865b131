package dev.nudge.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Every RocksDB key layout of the store, of every column and every feature, in one place (STYLE.md
 * §10). No other class builds a key by hand or claims a prefix: each prefix is one {@link Prefix}
 * constant, and {@code StoreKeysTest} checks that no two prefixes of one column overlap and pins the
 * bytes of every layout, so a format change is always deliberate.
 *
 * <p>RocksDB orders keys by unsigned bytes, so range order is byte order, not logical order: each
 * layout is chosen for the scans it must serve. Ids are UTF-8. Times are epoch millis as 8-byte
 * big-endian with the sign bit flipped ("t8": byte order = time order); sequence numbers are plain
 * 8-byte big-endian ("seq 8", they start at 1). A variable-length id followed by more key bytes is
 * framed as {@code [u16 len][utf8]}, so "ab" + time never collides with "a" + "b…": a prefix scan
 * for one id can never see another's keys.
 *
 * <pre>
 * column    prefix  layout                                    → value                               owner
 * EVENTS            [u16 len][profileId][t8 event time][messageId] → event JSON                      ingest, identity (merge re-homes)
 *                   one profile's events are contiguous and in event-time order; a reverse scan is the timeline
 * PROFILES          [profileId]                                → profile JSON                        ingest (Txn)
 * IDS       u       [userId]                                   → canonical profileId                 identity
 * IDS       a       [anonymousId]                              → canonical profileId                 identity
 * MESSAGES          [messageId]                                → ∅  (dedupe; kept after erasure)     ingest
 * EMAILS            [u16 len][email][profileId]                → ∅  (lookup by email; may be shared)  ingest, identity
 * META      webhook/              [webhookId]                  → webhook JSON                        server webhook
 * META      write/                [keyId]                      → credential JSON                     server auth
 * META      admin/                [keyId]                      → credential JSON                     server auth
 * META      segdef/               [segmentId]                  → segment YAML (defined by the API)   server segment
 * META      segdel/               [segmentId]                  → ∅  (deleted by the API)             server segment
 * META      segment-catalog/backfilled                         → catalog fingerprint (decimal)       server segment
 * META      intelligence/report                                → report JSON                         server intelligence
 * META      intelligence/rules                                 → rules JSON                          server intelligence
 * META      mail/signing-secret                                → 32 random bytes (token HMAC key)    server mail
 * STATE     s/   [profileId]                                   → segment engine state (ProfileSegmentState.encode)  segment runtime
 * STATE     d/   [profileId]                                   → the profile's armed timer: due millis (8)          segment runtime
 * STATE     t/   [t8 due][profileId]                           → ∅  timer index: a scan from "t/" finds what is due segment timers
 * STATE     pm/  [u16 len][profileId][segmentId]               → since millis (a profile's memberships)            segment runtime
 * STATE     m/   [u16 len][segmentId][profileId]               → since millis (a segment's members, id order)      segment runtime
 * STATE     h/   [u16 len][segmentId][t8 at][seq 8]            → transition JSON (a segment's history, time order) segment runtime
 * STATE     x/   [seq 8]                                       → transition JSON (the global log: streams, webhooks) segment runtime
 * STATE     ph/  [u16 len][profileId][seq 8]                   → the h/ key of that transition (export, erasure)    segment runtime
 * STATE     wc/  [webhookId]                                   → last delivered x/ seq (8)                          server webhook
 * STATE     rj/  [seq 8]                                       → rejected-message entry JSON; oldest first, so the
 *                                                                newest-first listing is a reverse scan             ingest RejectedLog
 * STATE     rb/                                                → [next seq 8][oldest kept seq 8], the bounds of rj/,
 *                                                                written in the same write as the entries           ingest RejectedLog
 * STATE     eo/  [idempotencyKey]                              → outbox entry JSON                                  server mail outbox
 * STATE     es/  [status name] 0x00 [idempotencyKey]           → ∅  status index, written in the same batch as eo/  server mail outbox
 * STATE     em/  [messageId]                                   → stored message JSON (links for click redirects)    server mail
 * STATE     ex/  [email] 0x00 [REASON]                         → suppression JSON; (email, reason) order = API order server mail
 * STATE     ec/  [u16 len][profileId][t8 at][seq 8]            → consent log entry JSON, oldest first               server mail
 * STATE     eb/  [broadcastId]                                 → broadcast state JSON (checkpoint + counts)         server mail
 * STATE     ed/  [broadcastId]                                 → broadcast definition JSON (template, segment, size) server mail
 * STATE     er/  [u16 len][broadcastId][seq 8]                 → recipient profile id (the frozen snapshot)         server mail
 * </pre>
 */
public final class StoreKeys {
    private StoreKeys() {}

    /**
     * Every prefix of every column, declared once. A whole-column layout has the empty prefix and
     * must then be its column's only one; within a column no prefix is a prefix of another, so a
     * prefix scan never crosses kinds. Fixed names (a prefix that is the whole key) are here too.
     */
    public enum Prefix {
        EVENT(Column.EVENTS, ""),
        PROFILE(Column.PROFILES, ""),
        USER_ID(Column.IDS, "u"),
        ANONYMOUS_ID(Column.IDS, "a"),
        MESSAGE_ID(Column.MESSAGES, ""),
        EMAIL(Column.EMAILS, ""),
        WEBHOOK(Column.META, "webhook/"),
        WRITE_KEY(Column.META, "write/"),
        ADMIN_KEY(Column.META, "admin/"),
        SEGMENT_DEFINITION(Column.META, "segdef/"),
        SEGMENT_DELETED(Column.META, "segdel/"),
        SEGMENT_CATALOG_BACKFILLED(Column.META, "segment-catalog/backfilled"),
        INTELLIGENCE_REPORT(Column.META, "intelligence/report"),
        INTELLIGENCE_RULES(Column.META, "intelligence/rules"),
        MAIL_SIGNING_SECRET(Column.META, "mail/signing-secret"),
        SEGMENT_STATE(Column.STATE, "s/"),
        DUE(Column.STATE, "d/"),
        TIMER(Column.STATE, "t/"),
        PROFILE_MEMBERSHIP(Column.STATE, "pm/"),
        MEMBER(Column.STATE, "m/"),
        HISTORY(Column.STATE, "h/"),
        LOG(Column.STATE, "x/"),
        PROFILE_HISTORY(Column.STATE, "ph/"),
        WEBHOOK_CURSOR(Column.STATE, "wc/"),
        REJECTED(Column.STATE, "rj/"),
        REJECTED_BOUNDS(Column.STATE, "rb/"),
        OUTBOX(Column.STATE, "eo/"),
        OUTBOX_STATUS(Column.STATE, "es/"),
        MAIL_MESSAGE(Column.STATE, "em/"),
        SUPPRESSION(Column.STATE, "ex/"),
        CONSENT(Column.STATE, "ec/"),
        BROADCAST(Column.STATE, "eb/"),
        BROADCAST_DEFINITION(Column.STATE, "ed/"),
        RECIPIENT(Column.STATE, "er/");

        private final Column column;
        private final byte[] bytes;

        Prefix(Column column, String tag) {
            this.column = column;
            this.bytes = tag.getBytes(StandardCharsets.UTF_8);
        }

        public Column column() {
            return column;
        }

        /** A copy of the prefix bytes. */
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The prefix of {@code column} that {@code key} starts with, or null (a key of no known layout). */
        public static Prefix of(Column column, byte[] key) {
            for (Prefix p : values()) if (p.column == column && startsWith(key, p.bytes)) return p;
            return null;
        }
    }

    // ---- framing helpers ----

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
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

    /** The smallest key strictly greater than {@code key} ({@code key} + 0x00): a scan from it resumes after {@code key}. */
    public static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    public static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) return false;
        return Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** {@code [u16 len][utf8]}: an id that more key bytes follow. */
    private static byte[] framed(String id) {
        byte[] b = utf8(id);
        if (b.length > 0xFFFF) throw new IllegalArgumentException("id longer than 65535 bytes: " + id.substring(0, 40) + "…");
        return ByteBuffer.allocate(2 + b.length).putShort((short) b.length).put(b).array();
    }

    private static int framedLength(byte[] key, int at) {
        return 2 + (((key[at] & 0xFF) << 8) | (key[at + 1] & 0xFF));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] tagged(Prefix p, String id) {
        return concat(p.bytes, utf8(id));
    }

    private static byte[] taggedFramed(Prefix p, String id) {
        return concat(p.bytes, framed(id));
    }

    private static String rest(byte[] key, int skip) {
        return new String(key, skip, key.length - skip, StandardCharsets.UTF_8);
    }

    private static long sortable(Instant t) {
        return t.toEpochMilli() ^ Long.MIN_VALUE;
    }

    /** A value: epoch millis, 8 bytes big-endian (memberships' since, d/). */
    public static byte[] millis(Instant t) {
        return ByteBuffer.allocate(8).putLong(t.toEpochMilli()).array();
    }

    public static Instant instant(byte[] v) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(v).getLong());
    }

    // ---- EVENTS, PROFILES, IDS, MESSAGES, EMAILS ----

    /** The prefix shared by every event key of one profile. */
    public static byte[] eventPrefix(String profileId) {
        return framed(profileId);
    }

    public static byte[] eventKey(String profileId, Instant timestamp, String messageId) {
        byte[] prefix = eventPrefix(profileId);
        byte[] mid = utf8(messageId);
        return ByteBuffer.allocate(prefix.length + 8 + mid.length).put(prefix).putLong(sortable(timestamp)).put(mid).array();
    }

    /** The key of the same event re-homed under another profile (identity merge). */
    public static byte[] rehomeEventKey(byte[] eventKey, String newProfileId) {
        byte[] prefix = eventPrefix(newProfileId);
        byte[] rest = Arrays.copyOfRange(eventKey, framedLength(eventKey, 0), eventKey.length);
        return concat(prefix, rest);
    }

    /** The profile id of an {@link #eventPrefix} (the runs of {@code StoredProfiles}). */
    public static String profileOfEventPrefix(byte[] prefix) {
        return rest(prefix, 2);
    }

    public static byte[] profileKey(String profileId) {
        return utf8(profileId);
    }

    public static String profileIdOfProfileKey(byte[] key) {
        return string(key);
    }

    public static byte[] userIdKey(String userId) {
        return tagged(Prefix.USER_ID, userId);
    }

    public static byte[] anonymousIdKey(String anonymousId) {
        return tagged(Prefix.ANONYMOUS_ID, anonymousId);
    }

    public static byte[] messageIdKey(String messageId) {
        return utf8(messageId);
    }

    public static byte[] emailPrefix(String email) {
        return framed(email);
    }

    public static byte[] emailKey(String email, String profileId) {
        return concat(emailPrefix(email), utf8(profileId));
    }

    public static String profileIdOfEmailKey(byte[] key) {
        return rest(key, framedLength(key, 0));
    }

    // ---- META ----

    public static byte[] webhook(String webhookId) {
        return tagged(Prefix.WEBHOOK, webhookId);
    }

    public static byte[] writeKey(String id) {
        return tagged(Prefix.WRITE_KEY, id);
    }

    public static byte[] adminKey(String id) {
        return tagged(Prefix.ADMIN_KEY, id);
    }

    public static byte[] segmentDefinition(String segmentId) {
        return tagged(Prefix.SEGMENT_DEFINITION, segmentId);
    }

    public static byte[] segmentDeleted(String segmentId) {
        return tagged(Prefix.SEGMENT_DELETED, segmentId);
    }

    /** The segment id of a {@link #segmentDefinition} or {@link #segmentDeleted} key. */
    public static String segmentOfDefinitionKey(byte[] key) {
        return rest(key, Prefix.SEGMENT_DEFINITION.bytes.length);
    }

    // ---- STATE: segment runtime ----

    public static byte[] state(String profileId) {
        return tagged(Prefix.SEGMENT_STATE, profileId);
    }

    public static byte[] due(String profileId) {
        return tagged(Prefix.DUE, profileId);
    }

    public static final byte[] TIMER_PREFIX = Prefix.TIMER.bytes();

    public static byte[] timer(long dueMillis, String profileId) {
        byte[] id = utf8(profileId);
        return ByteBuffer.allocate(2 + 8 + id.length).put(Prefix.TIMER.bytes).putLong(dueMillis ^ Long.MIN_VALUE).put(id).array();
    }

    public static long timerDue(byte[] key) {
        return ByteBuffer.wrap(key, 2, 8).getLong() ^ Long.MIN_VALUE;
    }

    public static String timerProfile(byte[] key) {
        return rest(key, 10);
    }

    public static byte[] profileMembershipPrefix(String profileId) {
        return taggedFramed(Prefix.PROFILE_MEMBERSHIP, profileId);
    }

    public static byte[] profileMembership(String profileId, String segmentId) {
        return concat(profileMembershipPrefix(profileId), utf8(segmentId));
    }

    public static String segmentOfProfileMembership(byte[] key, String profileId) {
        return rest(key, 3 + framedLength(key, 3));
    }

    public static byte[] memberPrefix(String segmentId) {
        return taggedFramed(Prefix.MEMBER, segmentId);
    }

    public static byte[] member(String segmentId, String profileId) {
        return concat(memberPrefix(segmentId), utf8(profileId));
    }

    public static String profileOfMember(byte[] key, String segmentId) {
        return rest(key, 2 + framedLength(key, 2));
    }

    public static byte[] historyPrefix(String segmentId) {
        return taggedFramed(Prefix.HISTORY, segmentId);
    }

    public static byte[] history(String segmentId, Instant at, long seq) {
        byte[] p = historyPrefix(segmentId);
        return ByteBuffer.allocate(p.length + 16).put(p).putLong(sortable(at)).putLong(seq).array();
    }

    public static byte[] historyFrom(String segmentId, Instant from) {
        byte[] p = historyPrefix(segmentId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(sortable(from)).array();
    }

    public static final byte[] LOG_PREFIX = Prefix.LOG.bytes();

    public static byte[] log(long seq) {
        return ByteBuffer.allocate(2 + 8).put(Prefix.LOG.bytes).putLong(seq).array();
    }

    public static long logSeq(byte[] key) {
        return ByteBuffer.wrap(key, 2, 8).getLong();
    }

    public static byte[] profileHistoryPrefix(String profileId) {
        return taggedFramed(Prefix.PROFILE_HISTORY, profileId);
    }

    public static byte[] profileHistory(String profileId, long seq) {
        byte[] p = profileHistoryPrefix(profileId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(seq).array();
    }

    // ---- STATE: webhooks, rejected messages ----

    public static byte[] webhookCursor(String webhookId) {
        return tagged(Prefix.WEBHOOK_CURSOR, webhookId);
    }

    public static final byte[] REJECTED_PREFIX = Prefix.REJECTED.bytes();
    public static final byte[] REJECTED_BOUNDS = Prefix.REJECTED_BOUNDS.bytes();

    public static byte[] rejected(long seq) {
        return ByteBuffer.allocate(3 + 8).put(Prefix.REJECTED.bytes).putLong(seq).array();
    }

    public static long rejectedSeq(byte[] key) {
        return ByteBuffer.wrap(key, 3, 8).getLong();
    }

    // ---- STATE: mail (nudge-server's mail package) ----

    public static byte[] outbox(String idempotencyKey) {
        return tagged(Prefix.OUTBOX, idempotencyKey);
    }

    public static byte[] outboxStatusPrefix(String status) {
        return tagged(Prefix.OUTBOX_STATUS, status + "\0");
    }

    public static byte[] outboxStatus(String status, String idempotencyKey) {
        return concat(outboxStatusPrefix(status), utf8(idempotencyKey));
    }

    public static String idempotencyKeyOfStatus(byte[] key, String status) {
        return rest(key, outboxStatusPrefix(status).length);
    }

    public static byte[] mailMessage(String messageId) {
        return tagged(Prefix.MAIL_MESSAGE, messageId);
    }

    public static byte[] suppressionPrefix(String email) {
        return tagged(Prefix.SUPPRESSION, email + "\0");
    }

    public static byte[] suppression(String email, String reason) {
        return concat(suppressionPrefix(email), utf8(reason));
    }

    public static byte[] consentPrefix(String profileId) {
        return taggedFramed(Prefix.CONSENT, profileId);
    }

    public static byte[] consent(String profileId, Instant at, long seq) {
        byte[] p = consentPrefix(profileId);
        return ByteBuffer.allocate(p.length + 16).put(p).putLong(sortable(at)).putLong(seq).array();
    }

    public static byte[] broadcast(String broadcastId) {
        return tagged(Prefix.BROADCAST, broadcastId);
    }

    public static byte[] broadcastDefinition(String broadcastId) {
        return tagged(Prefix.BROADCAST_DEFINITION, broadcastId);
    }

    public static byte[] recipientPrefix(String broadcastId) {
        return taggedFramed(Prefix.RECIPIENT, broadcastId);
    }

    public static byte[] recipient(String broadcastId, long seq) {
        byte[] p = recipientPrefix(broadcastId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(seq).array();
    }
}
