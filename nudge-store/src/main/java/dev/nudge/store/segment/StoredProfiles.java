package dev.nudge.store.segment;

import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.StoreKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Every stored profile with what a rebuild needs — the profile, its segment state, its memberships
 * and its raw events — read in runs of consecutive profiles instead of one lookup per profile.
 *
 * <p>Why: a sweep over a million profiles that opens an iterator and seeks once per profile spends
 * most of its time in RocksDB seeks. The EVENTS keys and the {@code pm/} membership keys are both
 * ordered by {@link StoreKeys#eventPrefix} ({@code [u16 length][id]}), so a run of profiles sorted in
 * that order is read with one seek per column and then only {@code next()}; profiles and states come
 * with one multi-get per run. Runs are independent: callers read them on as many threads as they like.
 *
 * <p>What is read is a snapshot per run, not across runs: a caller that writes what it computed
 * must check, in the writer, that nothing changed in between ({@link SegmentRuntime#applyRebuilt}).
 */
public final class StoredProfiles {

    /**
     * One profile as stored.
     *
     * @param state       the STATE {@code s/} value, or null when the profile was never evaluated
     * @param memberships segment id → since, in key order (the catalog-independent index)
     * @param events      raw EVENTS values in event-time order (key order)
     */
    public record Stored(String id, byte[] profile, byte[] state, Map<String, Instant> memberships, List<byte[]> events) {}

    private StoredProfiles() {
    }

    /**
     * The event prefixes ({@link StoreKeys#eventPrefix}) of every stored profile, sorted in key order
     * and cut into runs of {@code runSize}.
     */
    public static List<List<byte[]>> runs(NudgeStore store, int runSize) {
        if (runSize < 1) throw new IllegalArgumentException("runSize must be >= 1, got " + runSize);
        List<byte[]> prefixes = new ArrayList<>();
        try (RocksIterator it = store.db().newIterator(store.handle(Column.PROFILES))) {
            for (it.seekToFirst(); it.isValid(); it.next()) prefixes.add(StoreKeys.eventPrefix(StoreKeys.string(it.key())));
        }
        prefixes.sort(Arrays::compareUnsigned);
        List<List<byte[]>> runs = new ArrayList<>((prefixes.size() + runSize - 1) / runSize);
        for (int i = 0; i < prefixes.size(); i += runSize) {
            runs.add(Collections.unmodifiableList(prefixes.subList(i, Math.min(prefixes.size(), i + runSize))));
        }
        return runs;
    }

    /** Reads one run (from {@link #runs}); profiles deleted since are left out. */
    public static List<Stored> read(NudgeStore store, List<byte[]> run) {
        if (run.isEmpty()) return List.of();
        List<String> ids = new ArrayList<>(run.size());
        for (byte[] p : run) ids.add(StoreKeys.profileOfEventPrefix(p));
        List<byte[]> profiles = store.multiGet(Column.PROFILES, ids.stream().map(StoreKeys::profileKey).toList());
        List<byte[]> states = store.multiGet(Column.STATE, ids.stream().map(StoreKeys::state).toList());
        List<Stored> out = new ArrayList<>(run.size());
        try (ReadOptions ro = new ReadOptions().setFillCache(false);
             RocksIterator events = store.db().newIterator(store.handle(Column.EVENTS), ro);
             RocksIterator members = store.db().newIterator(store.handle(Column.STATE), ro)) {
            events.seek(run.get(0));
            members.seek(StoreKeys.profileMembershipPrefix(ids.get(0)));
            for (int i = 0; i < run.size(); i++) {
                String id = ids.get(i);
                List<byte[]> history = values(events, run.get(i));
                Map<String, Instant> in = new LinkedHashMap<>();
                byte[] pm = StoreKeys.profileMembershipPrefix(id);
                for (; members.isValid(); members.next()) {
                    byte[] k = members.key();
                    if (!StoreKeys.startsWith(k, pm)) {
                        if (Arrays.compareUnsigned(k, pm) < 0) continue; // a row of no stored profile
                        break;
                    }
                    in.put(StoreKeys.segmentOfProfileMembership(k, id), StoreKeys.instant(members.value()));
                }
                if (profiles.get(i) != null) out.add(new Stored(id, profiles.get(i), states.get(i), in, history));
            }
        }
        return out;
    }

    /** Values under {@code prefix}, moving {@code it} forward past keys that sort before it (events of no profile). */
    private static List<byte[]> values(RocksIterator it, byte[] prefix) {
        List<byte[]> out = new ArrayList<>();
        for (; it.isValid(); it.next()) {
            byte[] k = it.key();
            if (!StoreKeys.startsWith(k, prefix)) {
                if (Arrays.compareUnsigned(k, prefix) < 0) continue; // an event of no stored profile
                break;
            }
            out.add(it.value());
        }
        return out;
    }
}
