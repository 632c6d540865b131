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
 * <p>What is read is not a snapshot across runs (nor across the columns of one run): a caller that writes what it computed
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
        store.scanKeys(Column.PROFILES, StoreKeys.Prefix.PROFILE.bytes(),
                k -> prefixes.add(StoreKeys.eventPrefix(StoreKeys.profileIdOfProfileKey(k))));
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
        // one seek per column for the whole run, then only next() (NudgeStore.scanRuns)
        List<List<byte[]>> events = new ArrayList<>(run.size());
        List<Map<String, Instant>> memberships = new ArrayList<>(run.size());
        List<byte[]> pms = new ArrayList<>(run.size());
        for (String id : ids) {
            events.add(new ArrayList<>());
            memberships.add(new LinkedHashMap<>());
            pms.add(StoreKeys.profileMembershipPrefix(id));
        }
        store.scanRuns(Column.EVENTS, run, (i, k, v) -> events.get(i).add(v));
        store.scanRuns(Column.STATE, pms, (i, k, v) ->
                memberships.get(i).put(StoreKeys.segmentOfProfileMembership(k, ids.get(i)), StoreKeys.instant(v)));
        List<Stored> out = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            if (profiles.get(i) != null) out.add(new Stored(ids.get(i), profiles.get(i), states.get(i), memberships.get(i), events.get(i)));
        }
        return out;
    }
}
