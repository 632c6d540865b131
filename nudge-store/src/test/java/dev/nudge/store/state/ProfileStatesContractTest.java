package dev.nudge.store.state;

import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.profile.Traits;
import dev.nudge.core.state.DueIndex;
import dev.nudge.core.state.DueIndex.Due;
import dev.nudge.core.state.ProfileStates;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.Txn;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.nudge.store.state.States.T0;
import static dev.nudge.store.state.States.kept;
import static dev.nudge.store.state.States.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One behaviour for every implementation and every stack of layers: the in-memory reference, the
 * RocksDB rows, and the caching and metered layers over either. (Memberships are not compared:
 * they are the transition log's, see ProfileStates.)
 */
class ProfileStatesContractTest {
    @TempDir Path dir;
    private NudgeStore store;
    private Txn txn;

    /** A way to build the implementation under test over a fresh store and an open request. */
    record Impl(String name, Function<Txn, ProfileStates> states) {
        @Override
        public String toString() {
            return name;
        }
    }

    record DueImpl(String name, Function<Txn, DueIndex> index) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> impls() {
        return Stream.of(
                new Impl("in-memory", t -> new InMemoryProfileStates()),
                new Impl("rocks", t -> new RocksProfileStates(CurrentTxn.of(t))),
                new Impl("caching(in-memory)", t -> new CachingProfileStates(new InMemoryProfileStates(), CurrentTxn.of(t), 100)),
                new Impl("caching(rocks)", t -> new CachingProfileStates(new RocksProfileStates(CurrentTxn.of(t)), CurrentTxn.of(t), 100)),
                new Impl("metered(caching(rocks))", t -> new MeteredProfileStates(
                        new CachingProfileStates(new RocksProfileStates(CurrentTxn.of(t)), CurrentTxn.of(t), 100))),
                new Impl("metered(in-memory)", t -> new MeteredProfileStates(new InMemoryProfileStates())))
                .map(Arguments::of);
    }

    static Stream<Arguments> dueImpls() {
        return Stream.of(new DueImpl("in-memory", t -> new InMemoryDueIndex()),
                new DueImpl("rocks", t -> new RocksDueIndex(CurrentTxn.of(t)))).map(Arguments::of);
    }

    private ProfileStates open(Impl impl) {
        store = NudgeStore.open(dir);
        txn = new Txn(store);
        txn.begin();
        return impl.states().apply(txn);
    }

    private DueIndex open(DueImpl impl) {
        store = NudgeStore.open(dir);
        txn = new Txn(store);
        txn.begin();
        return impl.index().apply(txn);
    }

    @AfterEach
    void close() {
        if (txn != null) txn.close();
        if (store != null) store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void get_absent_isNull(Impl impl) {
        assertThat(open(impl).get("nobody")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void get_afterPut_isWhatWasPut(Impl impl) {
        ProfileStates s = open(impl);
        ProfileState a = ordered("ann", 2, T0).withTraits(Traits.of(Map.of("plan", "pro"))).withIds(List.of("ann"), List.of("anon-1"));
        s.put(a);
        assertThat(kept(s.get("ann"))).isEqualTo(kept(a));
        assertThat(s.get("ann").nextDue()).isEqualTo(T0.plusSeconds(86_400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void put_replacesTheStateBefore(Impl impl) {
        ProfileStates s = open(impl);
        s.put(ordered("ann", 1, T0));
        ProfileState later = ordered("ann", 3, T0.plusSeconds(3600));
        s.put(later);
        assertThat(kept(s.get("ann"))).isEqualTo(kept(later));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("impls")
    void delete_forgetsTheState_andOnlyThatProfiles(Impl impl) {
        ProfileStates s = open(impl);
        s.put(ordered("ann", 1, T0));
        s.put(ordered("bob", 1, T0));
        s.delete("ann");
        s.delete("nobody");
        assertThat(s.get("ann")).isNull();
        assertThat(kept(s.get("bob"))).isEqualTo(kept(ordered("bob", 1, T0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dueImpls")
    void due_isInDueOrder_upToTheInstantInclusive_andBounded(DueImpl impl) {
        DueIndex d = open(impl);
        d.schedule("c", T0.plusSeconds(30));
        d.schedule("a", T0.plusSeconds(10));
        d.schedule("b", T0.plusSeconds(10)); // a tie: profile-id order
        d.schedule("late", T0.plusSeconds(3600));
        assertThat(d.due(T0.plusSeconds(30), 10)).containsExactly(
                new Due("a", T0.plusSeconds(10)), new Due("b", T0.plusSeconds(10)), new Due("c", T0.plusSeconds(30)));
        assertThat(d.due(T0.plusSeconds(30), 2)).containsExactly(new Due("a", T0.plusSeconds(10)), new Due("b", T0.plusSeconds(10)));
        assertThat(d.due(T0.plusSeconds(9), 10)).isEmpty();
        assertThatThrownBy(() -> d.due(T0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dueImpls")
    void schedule_replacesAndClears(DueImpl impl) {
        DueIndex d = open(impl);
        d.schedule("a", T0.plusSeconds(10));
        d.schedule("a", T0.plusSeconds(20));
        d.schedule("b", T0.plusSeconds(5));
        d.schedule("b", null);
        d.schedule("never", null);
        assertThat(d.scheduled("a")).isEqualTo(T0.plusSeconds(20));
        assertThat(d.scheduled("b")).isNull();
        assertThat(d.due(T0.plusSeconds(60), 10)).containsExactly(new Due("a", T0.plusSeconds(20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dueImpls")
    void schedule_keepsTheMillisecond(DueImpl impl) {
        DueIndex d = open(impl);
        d.schedule("a", T0.plusNanos(1_234_567));
        assertThat(d.scheduled("a")).isEqualTo(T0.plusMillis(1));
        assertThat(d.due(T0.plusMillis(1), 1)).containsExactly(new Due("a", T0.plusMillis(1)));
    }
}
