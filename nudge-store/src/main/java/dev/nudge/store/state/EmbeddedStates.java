package dev.nudge.store.state;

import dev.nudge.core.state.ProfileStates;

/**
 * The embedded runtime's profile states, assembled once: metered → caching → RocksDB, every layer
 * over the same {@link CurrentTxn}. The runtime calls {@link #bind} at each writer call and then
 * uses {@link #states()}; the layers stay reachable for what only they know (the Rocks rows' bytes,
 * the due index, cache counters, the metrics observer).
 */
public final class EmbeddedStates {
    private final CurrentTxn txn = new CurrentTxn();
    private final RocksProfileStates rocks = new RocksProfileStates(txn);
    private final CachingProfileStates caching;
    private final MeteredProfileStates metered;

    /** @param cacheCapacity how many decoded states the cache keeps across groups */
    public EmbeddedStates(int cacheCapacity) {
        this.caching = new CachingProfileStates(rocks, txn, cacheCapacity);
        this.metered = new MeteredProfileStates(caching);
    }

    public static EmbeddedStates withDefaults() {
        return new EmbeddedStates(CachingProfileStates.DEFAULT_CAPACITY);
    }

    public CurrentTxn txn() {
        return txn;
    }

    /** The outermost layer: what the runtime reads and writes through. */
    public ProfileStates states() {
        return metered;
    }

    public RocksProfileStates rocks() {
        return rocks;
    }

    public RocksDueIndex dueIndex() {
        return rocks.dueIndex();
    }

    public CachingProfileStates cache() {
        return caching;
    }

    public MeteredProfileStates metered() {
        return metered;
    }
}
