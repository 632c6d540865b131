package dev.nudge.store;

import dev.nudge.core.event.Event;
import dev.nudge.core.profile.Profile;

/**
 * A feature that keeps derived state in the same atomic write as the events that change it
 * (segment memberships, timers, flow runs, outbox entries). Called on the writer thread, inside the
 * request's transaction: whatever a hook writes through the {@link Txn} commits or rolls back with
 * the request. Hooks must not block or do I/O outside the Txn.
 */
public interface StoreHook {
    /** An accepted, non-duplicate event was stored on {@code profile} (already updated with it). */
    void onEvent(Txn txn, Profile profile, Event event);

    /** Profile {@code fromId} was merged into {@code merged}; its events now live under merged.id(). */
    default void onMerge(Txn txn, String fromId, Profile merged) {}

    /** A profile and its events were erased. */
    default void onErase(Txn txn, String profileId) {}
}
