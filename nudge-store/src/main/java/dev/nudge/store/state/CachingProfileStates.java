package dev.nudge.store.state;

import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.state.ProfileStates;
import dev.nudge.store.Txn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Decoded profile states kept across groups, so a hot profile's state is not read and decoded
 * again on every event (STYLE.md §3: a layer, like Kafka's CachingKeyValueStore). Write-through:
 * every put and delete goes to the layer below in the same call, so the store is never behind the
 * cache. Bounded LRU; writer thread only.
 *
 * <p><b>Never stale.</b> An entry is tagged with the group (Txn) that wrote or read it and is served
 * only to that group or once that group is durable (its after-commit action marks it). So:
 * <ul>
 *   <li>a request that rolls back takes its cache changes with it ({@link Txn#onRollback}: each
 *       change restores the entry it replaced);</li>
 *   <li>a group whose write fails is never marked, so nothing it cached is served again (the group
 *       built over it is refused too);</li>
 *   <li>a group built while the one below is still being written does not trust the one below's
 *       entries: it reads the layer below, which sees the pending writes;</li>
 *   <li>erasure and merge delete through this layer, which drops the entry.</li>
 * </ul>
 * Ids and traits in a cached state are as of its put; the runtime overlays the profile's current
 * ones (the ingest path owns them), as it would over a fresh read.
 */
public final class CachingProfileStates implements ProfileStates {
    /** The default bound, as many as the writer's decoded-profile cache. */
    public static final int DEFAULT_CAPACITY = 50_000;

    /** One group's mark: set once the group's write is durable. */
    private static final class Group {
        final Txn txn;
        boolean durable;
        boolean markRegistered;

        Group(Txn txn) {
            this.txn = txn;
        }
    }

    private record Cached(ProfileState state, Group group) {}

    private final ProfileStates inner;
    private final Supplier<Txn> txn;
    private final Map<String, Cached> entries;
    private Group group;
    private long hits, misses;

    public CachingProfileStates(ProfileStates inner, Supplier<Txn> txn, int capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        this.inner = Objects.requireNonNull(inner, "inner");
        this.txn = Objects.requireNonNull(txn, "txn");
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public ProfileState get(String profileId) {
        Group g = group();
        Cached e = entries.get(profileId);
        if (e != null && (e.group == g || e.group.durable)) {
            hits++;
            return e.state;
        }
        misses++;
        ProfileState s = inner.get(profileId);
        if (s != null) remember(g, profileId, new Cached(s, g));
        return s;
    }

    @Override
    public void put(ProfileState state) {
        inner.put(state);
        Group g = group();
        remember(g, state.id(), new Cached(state, g));
    }

    @Override
    public void delete(String profileId) {
        inner.delete(profileId);
        Group g = group();
        Cached prev = entries.remove(profileId);
        if (prev != null) g.txn.onRollback(() -> entries.put(profileId, prev));
    }

    /** Gets served from the cache, since this layer was built. */
    public long hits() {
        return hits;
    }

    /** Gets that read the layer below. */
    public long misses() {
        return misses;
    }

    public int size() {
        return entries.size();
    }

    private void remember(Group g, String id, Cached next) {
        Cached prev = entries.put(id, next);
        g.txn.onRollback(() -> {
            if (prev == null) entries.remove(id); else entries.put(id, prev);
        });
        if (!g.markRegistered) {
            // once per group, unless the request that registered it rolls back (that drops the action)
            g.markRegistered = true;
            g.txn.afterCommit(() -> g.durable = true);
            g.txn.onRollback(() -> g.markRegistered = false);
        }
    }

    private Group group() {
        Txn t = txn.get();
        if (group == null || group.txn != t) group = new Group(t);
        return group;
    }
}
