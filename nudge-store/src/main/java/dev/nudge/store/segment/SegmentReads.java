package dev.nudge.store.segment;

import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreKeys;
import org.rocksdb.RocksIterator;

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
        byte[] last = null;
        try (RocksIterator it = store.db().newIterator(store.handle(Column.STATE))) {
            it.seek(cursor != null ? cursor : prefix);
            if (cursor != null && it.isValid() && Arrays.equals(it.key(), cursor)) it.next();
            for (; it.isValid() && StoreKeys.startsWith(it.key(), prefix) && out.size() < limit; it.next()) {
                last = it.key();
                out.add(new Member(StoreKeys.profileOfMember(last, segmentId), StoreKeys.instant(it.value())));
            }
            boolean more = it.isValid() && StoreKeys.startsWith(it.key(), prefix);
            return new Page<>(out, more ? last : null);
        }
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
        byte[] last = null;
        try (RocksIterator it = store.db().newIterator(store.handle(Column.STATE))) {
            it.seek(cursor != null ? cursor : from == null ? prefix : StoreKeys.historyFrom(segmentId, from));
            if (cursor != null && it.isValid() && Arrays.equals(it.key(), cursor)) it.next();
            for (; it.isValid() && StoreKeys.startsWith(it.key(), prefix) && out.size() < limit; it.next()) {
                StoredTransition t = StoredTransition.fromBytes(it.value());
                if (until != null && !t.transition().at().isBefore(until)) return new Page<>(out, null);
                last = it.key();
                out.add(t);
            }
            boolean more = it.isValid() && StoreKeys.startsWith(it.key(), prefix);
            return new Page<>(out, more ? last : null);
        }
    }

    /** The latest transition of a segment, or null. */
    public StoredTransition lastChange(String segmentId) {
        byte[] end = StoreKeys.prefixEnd(StoreKeys.historyPrefix(segmentId));
        try (RocksIterator it = store.db().newIterator(store.handle(Column.STATE))) {
            it.seekForPrev(end);
            if (it.isValid() && Arrays.equals(it.key(), end)) it.prev();
            return it.isValid() && StoreKeys.startsWith(it.key(), StoreKeys.historyPrefix(segmentId)) ? StoredTransition.fromBytes(it.value()) : null;
        }
    }

    /** The global log after {@code afterSeq}, at most {@code limit} entries. */
    public List<StoredTransition> log(long afterSeq, int limit) {
        List<StoredTransition> out = new ArrayList<>();
        try (RocksIterator it = store.db().newIterator(store.handle(Column.STATE))) {
            for (it.seek(StoreKeys.log(afterSeq + 1)); it.isValid() && StoreKeys.startsWith(it.key(), StoreKeys.LOG_PREFIX) && out.size() < limit; it.next()) {
                out.add(StoredTransition.fromBytes(it.value()));
            }
        }
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
        try (RocksIterator it = store.db().newIterator(store.handle(Column.STATE))) {
            it.seekForPrev(StoreKeys.log(Long.MAX_VALUE));
            return it.isValid() && StoreKeys.startsWith(it.key(), StoreKeys.LOG_PREFIX) ? StoreKeys.logSeq(it.key()) : 0;
        }
    }

    /** Removes a deleted segment's history and any member index left (its members' exits were recorded first). */
    public static void forget(dev.nudge.store.Txn txn, String segmentId) {
        txn.scan(Column.STATE, StoreKeys.historyPrefix(segmentId), (k, v) -> txn.delete(Column.STATE, k));
        txn.scan(Column.STATE, StoreKeys.memberPrefix(segmentId), (k, v) -> txn.delete(Column.STATE, k));
    }
}
