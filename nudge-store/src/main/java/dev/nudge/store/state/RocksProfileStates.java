package dev.nudge.store.state;

import dev.nudge.core.processor.Memberships;
import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.profile.Profile;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.segment.ProfileSegmentState;
import dev.nudge.core.state.ProfileStates;
import dev.nudge.store.Column;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Profile states over the writer's transaction, in today's rows (the layout is unchanged; one row
 * per profile is a later slice): reads see the group's pending writes and writes join its one
 * atomic write.
 *
 * <ul>
 *   <li>segment state: {@code s/[profile]}; a state is stored iff this row is, so {@link #get} is
 *       null without it;</li>
 *   <li>ids and traits: the profile row (the ingest path's; a put writes it only if they differ,
 *       which the segment runtime never makes them);</li>
 *   <li>next due: {@code d/} and the {@code t/} index, through {@link RocksDueIndex};</li>
 *   <li>memberships: the {@code pm/} index, which the runtime writes from transitions; a get
 *       returns them lazily, read on first use through the Txn current then, so a state kept
 *       across groups (the cache) never reads through a finished Txn.</li>
 * </ul>
 * Flow runs and send caps have no rows yet: they come back empty.
 */
public final class RocksProfileStates implements ProfileStates {
    private final Supplier<Txn> txn;
    private final RocksDueIndex due;

    public RocksProfileStates(Supplier<Txn> txn) {
        this.txn = Objects.requireNonNull(txn, "txn");
        this.due = new RocksDueIndex(txn);
    }

    public RocksDueIndex dueIndex() {
        return due;
    }

    @Override
    public ProfileState get(String profileId) {
        Txn t = txn.get();
        byte[] b = segmentBytes(profileId);
        if (b == null) return null;
        Profile p = t.profile(profileId);
        ProfileSegmentState seg = ProfileSegmentState.decode(b);
        Memberships m = Memberships.lazy(() -> memberships(profileId));
        if (p == null) p = new Profile(profileId, List.of(), List.of(), Traits.EMPTY, null, null, null);
        return ProfileState.of(p, seg, m);
    }

    /**
     * The stored bytes of the profile's segment state, or null: for the backfill's check that a
     * state is still the one a rebuild was computed from, which compares bytes, not decoded values.
     */
    public byte[] segmentBytes(String profileId) {
        return txn.get().get(Column.STATE, StoreKeys.state(profileId));
    }

    @Override
    public void put(ProfileState state) {
        Txn t = txn.get();
        String id = state.id();
        if (state.segments() == null) t.delete(Column.STATE, StoreKeys.state(id));
        else t.put(Column.STATE, StoreKeys.state(id), state.segments().encode());
        due.schedule(id, state.nextDue());
        Profile p = t.profile(id);
        if (p == null) {
            t.putProfile(new Profile(id, state.userIds(), state.anonymousIds(), state.traits(), null, null, null));
        } else if (!sameIdsAndTraits(p, state)) {
            t.putProfile(new Profile(id, state.userIds(), state.anonymousIds(), state.traits(), p.firstSeen(), p.lastSeen(), p.eventCounts()));
        }
    }

    private static boolean sameIdsAndTraits(Profile p, ProfileState s) {
        if (!p.userIds().equals(s.userIds()) || !p.anonymousIds().equals(s.anonymousIds())) return false;
        return p.traits() == s.traits() || Traits.of(p.traits()) == s.traits() || p.traits().equals(s.traits());
    }

    /** Removes the state's rows: segment state, due, and memberships (both indexes); the profile row stays the ingest path's. */
    @Override
    public void delete(String profileId) {
        Txn t = txn.get();
        due.schedule(profileId, null);
        t.delete(Column.STATE, StoreKeys.state(profileId));
        memberships(profileId).keySet().forEach(seg -> {
            t.delete(Column.STATE, StoreKeys.profileMembership(profileId, seg));
            t.delete(Column.STATE, StoreKeys.member(seg, profileId));
        });
    }

    /** Memberships from the catalog-independent index, as the current Txn sees it: segment id → since. */
    public Map<String, Instant> memberships(String profileId) {
        Map<String, Instant> out = new LinkedHashMap<>();
        txn.get().scan(Column.STATE, StoreKeys.profileMembershipPrefix(profileId),
                (k, v) -> out.put(StoreKeys.segmentOfProfileMembership(k, profileId), StoreKeys.instant(v)));
        return out;
    }
}
