package dev.nudge.store.state;

import dev.nudge.store.Txn;
import java.util.function.Supplier;

/**
 * The writer's transaction of the moment, for the state layers, which outlive a group (the cache)
 * or hand out values read later in the same step (lazy memberships): they read through whichever
 * Txn the writer is building now, never one captured from an earlier group. Writer thread only.
 */
public final class CurrentTxn implements Supplier<Txn> {
    private Txn txn;

    public CurrentTxn() {}

    /** A holder already set to {@code txn} (tests, one-off reads). */
    public static CurrentTxn of(Txn txn) {
        CurrentTxn c = new CurrentTxn();
        c.set(txn);
        return c;
    }

    /** Called by the runtime at the start of every writer call it receives. */
    public void set(Txn txn) {
        this.txn = txn;
    }

    @Override
    public Txn get() {
        if (txn == null) throw new IllegalStateException("no writer transaction is bound; the runtime must set one before using its state stores");
        return txn;
    }
}
