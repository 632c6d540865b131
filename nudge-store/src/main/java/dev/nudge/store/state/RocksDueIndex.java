package dev.nudge.store.state;

import dev.nudge.core.state.DueIndex;
import dev.nudge.store.Column;
import dev.nudge.store.StoreKeys;
import dev.nudge.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The due index over the writer's transaction, in today's rows: {@code d/[profile]} holds the armed
 * instant (millis) and {@code t/[t8 due][profile]} indexes it by time (StoreKeys). A schedule that
 * leaves the instant where it was writes nothing, as most events do.
 *
 * <p>{@link #due} reads through the Txn, which copies every {@code t/} row it sees: fine for tests
 * and small indexes; the timer service keeps its own bounded scan of committed rows (TimerService)
 * until the index gets a bounded scan with the Txn's overlay.
 */
public final class RocksDueIndex implements DueIndex {
    private static final byte[] EMPTY = new byte[0];
    private final Supplier<Txn> txn;

    public RocksDueIndex(Supplier<Txn> txn) {
        this.txn = txn;
    }

    @Override
    public void schedule(String profileId, Instant due) {
        Txn t = txn.get();
        byte[] old = t.get(Column.STATE, StoreKeys.due(profileId));
        if (old != null && due != null && StoreKeys.instant(old).toEpochMilli() == due.toEpochMilli()) return;
        if (old != null) t.delete(Column.STATE, StoreKeys.timer(StoreKeys.instant(old).toEpochMilli(), profileId));
        if (due != null) {
            t.put(Column.STATE, StoreKeys.due(profileId), StoreKeys.millis(due));
            t.put(Column.STATE, StoreKeys.timer(due.toEpochMilli(), profileId), EMPTY);
        } else if (old != null) {
            t.delete(Column.STATE, StoreKeys.due(profileId));
        }
    }

    @Override
    public Instant scheduled(String profileId) {
        byte[] armed = txn.get().get(Column.STATE, StoreKeys.due(profileId));
        return armed == null ? null : StoreKeys.instant(armed);
    }

    /** Removes one {@code t/} entry that no longer matches its profile's {@code d/} (left by a crash or replaced). */
    public void dropStale(String profileId, long dueMillis) {
        txn.get().delete(Column.STATE, StoreKeys.timer(dueMillis, profileId));
    }

    @Override
    public List<Due> due(Instant upTo, int limit) {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive, got " + limit);
        long until = upTo.toEpochMilli();
        List<Due> out = new ArrayList<>();
        txn.get().scan(Column.STATE, StoreKeys.TIMER_PREFIX, (k, v) -> {
            long at = StoreKeys.timerDue(k);
            if (at <= until && out.size() < limit) out.add(new Due(StoreKeys.timerProfile(k), Instant.ofEpochMilli(at)));
        });
        return out;
    }
}
