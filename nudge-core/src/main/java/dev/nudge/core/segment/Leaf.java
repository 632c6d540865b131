package dev.nudge.core.segment;

import dev.nudge.core.event.Event;

/**
 * A condition that needs per-profile state because it looks at events: {@code event},
 * {@code last}/{@code first} and {@code sequence}. Stateless conditions (traits, consent, segment
 * references) are evaluated straight from the profile and the memberships.
 *
 * <p>Contract, which the engine's exactness rests on: for a fixed state, {@link #holds} as a
 * function of t changes only at instants reported by {@link #next}; {@link #add} is insensitive to
 * the order events arrive in; {@link #prune} at t drops only what cannot matter at any t' ≥ t.
 */
sealed interface Leaf permits EventLeaf, LastFirstLeaf, SequenceLeaf {

    /** The state after an event (whose name this leaf mentions) at time {@code ts}; same instance if unaffected. */
    LeafState add(LeafState s, Event e, long ts);

    boolean holds(LeafState s, long t);

    /** The earliest instant > t at which {@link #holds} may change with no new event, or Long.MAX_VALUE. */
    long next(LeafState s, long t);

    LeafState prune(LeafState s, long t);

    /**
     * True when the state at t can only be known by re-reading the profile's history: a windowed
     * aggregate whose summarised older part starts to expire ({@link LeafState.Spilled}).
     */
    default boolean needsHistory(LeafState s, long t) {
        return false;
    }

    /** Events at or before {@code t − this}, once pruned, can never matter again (−1: no such horizon). */
    default long horizon() {
        return -1;
    }

    /** Event names this leaf reacts to. */
    java.util.List<String> names();
}
