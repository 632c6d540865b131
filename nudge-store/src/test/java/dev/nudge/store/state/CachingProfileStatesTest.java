package dev.nudge.store.state;

import dev.nudge.core.processor.ProfileState;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.Txn;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.nudge.store.state.States.T0;
import static dev.nudge.store.state.States.kept;
import static dev.nudge.store.state.States.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache is never stale: within a group, across durable groups, after a rolled-back request, a
 * failed group, a group built over one still being written, and erasure. Over the in-memory store
 * where the layer below need not roll back, over the Rocks rows where it must too.
 */
class CachingProfileStatesTest {
    @TempDir Path dir;
    private NudgeStore store;
    private final CurrentTxn current = new CurrentTxn();
    private final InMemoryProfileStates memory = new InMemoryProfileStates();

    @BeforeEach
    void open() {
        store = NudgeStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A group as the writer runs it: a Txn over the one below (null if durable). */
    private Txn group(Txn below) {
        Txn t = new Txn(store, new HashMap<>(), below);
        current.set(t);
        return t;
    }

    /** The group's write returned: what the writer does then (publish, run after-commit actions). */
    private static void durable(Txn t) {
        t.published();
        t.afterCommitActions().forEach(Runnable::run);
        t.close();
    }

    @Test
    void get_afterPut_inTheSameGroup_isAHit() {
        CachingProfileStates c = new CachingProfileStates(memory, current, 10);
        Txn t = group(null);
        t.begin();
        c.put(ordered("ann", 1, T0));
        int reads = memory.gets;
        assertThat(kept(c.get("ann"))).isEqualTo(kept(ordered("ann", 1, T0)));
        assertThat(memory.gets).isEqualTo(reads);
        assertThat(c.hits()).isEqualTo(1);
        t.commitRequest();
    }

    @Test
    void rollbackRequest_dropsTheRequestsCachedWrites_overRocks() {
        RocksProfileStates rocks = new RocksProfileStates(current);
        CachingProfileStates c = new CachingProfileStates(rocks, current, 10);
        ProfileState first = ordered("ann", 1, T0), second = ordered("ann", 5, T0.plusSeconds(60));
        Txn t = group(null);
        t.begin();
        c.put(first);
        t.commitRequest();
        t.begin();
        c.put(second);
        c.put(ordered("bob", 1, T0)); // new in the rolled-back request: must vanish too
        assertThat(kept(c.get("ann"))).isEqualTo(kept(second));
        t.rollbackRequest();

        long hits = c.hits();
        assertThat(kept(c.get("ann"))).as("served from the cache, as the committed request left it").isEqualTo(kept(first));
        assertThat(c.hits()).isEqualTo(hits + 1);
        assertThat(c.get("bob")).isNull();
        assertThat(kept(rocks.get("ann"))).as("the rows agree").isEqualTo(kept(first));

        t.prepare();
        t.write(new org.rocksdb.WriteOptions());
        durable(t);
        group(null).begin();
        assertThat(kept(c.get("ann"))).isEqualTo(kept(first));
        assertThat(c.get("bob")).isNull();
    }

    @Test
    void rollbackRequest_restoresAnEntryTheRequestDeleted() {
        CachingProfileStates c = new CachingProfileStates(memory, current, 10);
        Txn t = group(null);
        t.begin();
        c.put(ordered("ann", 1, T0));
        t.commitRequest();
        t.begin();
        c.delete("ann");
        t.rollbackRequest();
        memory.put(ordered("ann", 1, T0)); // the in-memory store does not roll back; the Txn-backed one does
        int reads = memory.gets;
        assertThat(kept(c.get("ann"))).isEqualTo(kept(ordered("ann", 1, T0)));
        assertThat(memory.gets).as("the restored entry is a hit").isEqualTo(reads);
    }

    @Test
    void aDurableGroupsEntries_areServedToLaterGroups() {
        CachingProfileStates c = new CachingProfileStates(memory, current, 10);
        Txn t = group(null);
        t.begin();
        c.put(ordered("ann", 1, T0));
        t.commitRequest();
        durable(t);
        group(null).begin();
        int reads = memory.gets;
        c.get("ann");
        assertThat(memory.gets).isEqualTo(reads);
    }

    @Test
    void aGroupWhoseWriteFailed_isNeverServed() {
        CachingProfileStates c = new CachingProfileStates(memory, current, 10);
        Txn failed = group(null);
        failed.begin();
        c.put(ordered("ann", 9, T0));
        failed.commitRequest();
        failed.close(); // the write failed: no after-commit action runs
        memory.states.remove("ann"); // and the store never had it
        group(null).begin();
        assertThat(c.get("ann")).isNull();
        assertThat(c.misses()).isEqualTo(1);
    }

    @Test
    void aGroupBuiltOverOneStillBeingWritten_readsBelow_untilThatOneIsDurable() {
        CachingProfileStates c = new CachingProfileStates(memory, current, 10);
        Txn first = group(null);
        first.begin();
        c.put(ordered("ann", 1, T0));
        first.commitRequest();
        first.prepare();
        Txn second = group(first); // the first group's write is on its way
        second.begin();
        int reads = memory.gets;
        assertThat(kept(c.get("ann"))).isEqualTo(kept(ordered("ann", 1, T0)));
        assertThat(memory.gets).as("not trusted yet: read below").isEqualTo(reads + 1);
        second.commitRequest();
        durable(first);
        second.forgetBelow();
        durable(second);
        group(null).begin();
        reads = memory.gets;
        c.get("ann");
        assertThat(memory.gets).isEqualTo(reads);
    }

    @Test
    void delete_dropsTheEntry_forErasureAndMerge() {
        CachingProfileStates c = new CachingProfileStates(memory, current, 10);
        Txn t = group(null);
        t.begin();
        c.put(ordered("ann", 1, T0));
        c.delete("ann");
        assertThat(c.get("ann")).isNull();
        assertThat(memory.states).doesNotContainKey("ann");
    }

    @Test
    void theCacheIsBounded_leastRecentlyUsedFirstOut() {
        CachingProfileStates c = new CachingProfileStates(memory, current, 2);
        Txn t = group(null);
        t.begin();
        c.put(ordered("a", 1, T0));
        c.put(ordered("b", 1, T0));
        c.get("a");
        c.put(ordered("c", 1, T0));
        assertThat(c.size()).isEqualTo(2);
        int reads = memory.gets;
        c.get("a");
        assertThat(memory.gets).isEqualTo(reads);
        c.get("b");
        assertThat(memory.gets).as("b was evicted").isEqualTo(reads + 1);
    }
}
