package dev.nudge.store.segment;

import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreKeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side of segment state: members, sizes, histories and the global transition log. Safe from any thread. */
public final class SegmentReads {
    private final NudgeStore store;

    public SegmentReads(NudgeStore store) {
        this.store = store;
    }

    public record Member(String profileId, Instant since) {}

    public record Page<T>(List<T> items, byte[] next) {}

    /** Members of a segment in profile-id order, after the key {@code cursor} (exclusive). */
    public Page<Member> members(String segmentId, int limit, byte[] cursor) {
        byte[] prefix = StoreKeys.memberPrefix(segmentId);
        List<Member> out = new ArrayList<>();
        byte[][] last = {null};
        boolean[] more = {false};
        store.scan(Column.STATE, prefix, cursor, (k, v) -> {
            if (cursor != null && Arrays.equals(k, cursor)) return true;
            if (out.size() >= limit) {
                more[0] = true;
                return false;
            }
            last[0] = k;
            out.add(new Member(StoreKeys.profileOfMember(k, segmentId), StoreKeys.instant(v)));
            return true;
        });
        return new Page<>(out, more[0] ? last[0] : null);
    }

    public long size(String segmentId) {
        long[] n = {0};
        store.scan(Column.STATE, StoreKeys.memberPrefix(segmentId), (k, v) -> n[0]++);
        return n[0];
    }

    /** A profile's memberships: segment id → since. */
    public Map<String, Instant> memberships(String profileId) {
        Map<String, Instant> out = new LinkedHashMap<>();
        store.scan(Column.STATE, StoreKeys.profileMembershipPrefix(profileId),
                (k, v) -> out.put(StoreKeys.segmentOfProfileMembership(k, profileId), StoreKeys.instant(v)));
        return out;
    }

    /** Transitions of a segment with {@code from <= at < until}, oldest first, after {@code cursor}. */
    public Page<StoredTransition> history(String segmentId, Instant from, Instant until, int limit, byte[] cursor) {
        byte[] prefix = StoreKeys.historyPrefix(segmentId);
        List<StoredTransition> out = new ArrayList<>();
        byte[][] last = {null};
        boolean[] more = {false};
        byte[] start = cursor != null ? cursor : from == null ? prefix : StoreKeys.historyFrom(segmentId, from);
        store.scan(Column.STATE, prefix, start, (k, v) -> {
            if (cursor != null && Arrays.equals(k, cursor)) return true;
            if (out.size() >= limit) {
                more[0] = true;
                return false;
            }
            StoredTransition t = StoredTransition.fromBytes(v);
            if (until != null && !t.transition().at().isBefore(until)) return false;
            last[0] = k;
            out.add(t);
            return true;
        });
        return new Page<>(out, more[0] ? last[0] : null);
    }

    /** The latest transition of a segment, or null. */
    public StoredTransition lastChange(String segmentId) {
        StoredTransition[] last = {null};
        store.scanBackward(Column.STATE, StoreKeys.historyPrefix(segmentId), null, (k, v) -> {
            last[0] = StoredTransition.fromBytes(v);
            return false;
        });
        return last[0];
    }

    /** The global log after {@code afterSeq}, at most {@code limit} entries. */
    public List<StoredTransition> log(long afterSeq, int limit) {
        List<StoredTransition> out = new ArrayList<>();
        store.scan(Column.STATE, StoreKeys.LOG_PREFIX, StoreKeys.log(afterSeq + 1), (k, v) -> {
            if (out.size() >= limit) return false;
            out.add(StoredTransition.fromBytes(v));
            return true;
        });
        return out;
    }

    /** Every transition that names a profile, oldest first (for export). */
    public List<StoredTransition> profileHistory(String profileId) {
        List<StoredTransition> out = new ArrayList<>();
        store.scan(Column.STATE, StoreKeys.profileHistoryPrefix(profileId), (k, historyKey) -> {
            byte[] v = store.get(Column.STATE, historyKey);
            if (v != null) out.add(StoredTransition.fromBytes(v));
        });
        return out;
    }

    /** The highest sequence in the log, or 0 when it is empty. */
    public long lastSeq() {
        return lastSeq(store);
    }

    /** The highest sequence in the log, or 0 when it is empty (one reverse seek). */
    static long lastSeq(NudgeStore store) {
        long[] seq = {0};
        store.scanBackward(Column.STATE, StoreKeys.LOG_PREFIX, StoreKeys.log(Long.MAX_VALUE), (k, v) -> {
            seq[0] = StoreKeys.logSeq(k);
            return false;
        });
        return seq[0];
    }

    /** Removes a deleted segment's history and any member index left (its members' exits were recorded first). */
    public static void forget(dev.nudge.store.Txn txn, String segmentId) {
        txn.scan(Column.STATE, StoreKeys.historyPrefix(segmentId), (k, v) -> txn.delete(Column.STATE, k));
        txn.scan(Column.STATE, StoreKeys.memberPrefix(segmentId), (k, v) -> txn.delete(Column.STATE, k));
    }
}
