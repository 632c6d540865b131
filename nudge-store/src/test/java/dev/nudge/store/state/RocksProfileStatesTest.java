package dev.nudge.store.state;

import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.profile.Profile;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteOptions;

import static dev.nudge.store.state.States.T0;
import static dev.nudge.store.state.States.kept;
import static dev.nudge.store.state.States.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/** The Rocks layer keeps today's rows byte for byte (no migration in this slice), and what it commits reads back. */
class RocksProfileStatesTest {
    @TempDir Path dir;

    @Test
    void put_writesTodaysRows_andNothingElse_forAStoredProfile() {
        try (NudgeStore store = NudgeStore.open(dir); Txn txn = new Txn(store); WriteOptions w = new WriteOptions()) {
            txn.putProfile(new Profile("ann", List.of("ann"), List.of(), Map.of(), T0, T0, Map.of("Order Completed", 1L)));
            txn.commit(w);
            Txn t2 = new Txn(store);
            ProfileState s = ordered("ann", 1, T0);
            new RocksProfileStates(CurrentTxn.of(t2)).put(s);
            t2.commit(w);
            t2.close();

            List<String> rows = new ArrayList<>();
            store.scan(Column.STATE, new byte[0], (k, v) -> rows.add(hex(k) + "=" + hex(v)));
            assertThat(rows).containsExactlyInAnyOrder(
                    hex(StoreKeys.state("ann")) + "=" + hex(s.segments().encode()),
                    hex(StoreKeys.due("ann")) + "=" + hex(StoreKeys.millis(s.nextDue())),
                    hex(StoreKeys.timer(s.nextDue().toEpochMilli(), "ann")) + "=");
            assertThat(store.profile("ann").firstSeen()).as("the profile row is left as it was").isEqualTo(T0);

            Txn t3 = new Txn(store);
            assertThat(kept(new RocksProfileStates(CurrentTxn.of(t3)).get("ann"))).isEqualTo(kept(s));
            t3.close();
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
