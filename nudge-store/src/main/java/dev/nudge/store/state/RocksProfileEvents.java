package dev.nudge.store.state;

import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.core.state.ProfileEvents;
import dev.nudge.store.Column;
import dev.nudge.store.Txn;
import dev.nudge.store.segment.ReplayHistory;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A profile's events as the writer's transaction sees them (the {@code EVENTS} column is in event
 * time order per profile), decoding only the names {@code engine}'s leaves read (ReplayHistory).
 * One per catalog version, like the processor it feeds.
 */
public final class RocksProfileEvents implements ProfileEvents {
    private final Supplier<Txn> txn;
    private final SegmentEngine engine;

    public RocksProfileEvents(Supplier<Txn> txn, SegmentEngine engine) {
        this.txn = Objects.requireNonNull(txn, "txn");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public HistorySource history(String profileId) {
        return ReplayHistory.of((prefix, v) -> txn.get().scan(Column.EVENTS, prefix, v), profileId, engine);
    }
}
