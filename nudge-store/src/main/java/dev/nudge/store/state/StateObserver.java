package dev.nudge.store.state;

/**
 * Told about every call on the profile states, on the writer thread: keep it cheap (a counter or
 * timer update), never block. The server binds it to its meter registry; the store has no metrics
 * library of its own.
 */
public interface StateObserver {
    StateObserver NONE = new StateObserver() {};

    /** A get took {@code nanos}; {@code found} is whether a state came back. */
    default void got(boolean found, long nanos) {}

    /** A put took {@code nanos}. */
    default void put(long nanos) {}

    /** A delete took {@code nanos}. */
    default void deleted(long nanos) {}
}
