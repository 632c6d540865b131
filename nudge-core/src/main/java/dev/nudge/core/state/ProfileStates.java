package dev.nudge.core.state;

import dev.nudge.core.processor.ProfileState;

/**
 * A profile's {@link ProfileState}, by profile id: the processor's runtime gets it before a step
 * and puts the step's state after. Shaped like a key-value state store (Kafka Streams'
 * {@code KeyValueStore<String, ProfileState>}), so layers wrap it: metered, caching, storage.
 *
 * <p>The memberships of a state are the transition log's (DESIGN.md §7): an implementation may
 * derive them from the transitions it recorded rather than from the put (the embedded store reads
 * its {@code pm/} index), so a runtime records a step's transitions in the same write as its state.
 */
public interface ProfileStates {

    /** The state last put for {@code profileId}, or null if none is stored. */
    ProfileState get(String profileId);

    /** Stores {@code state} under its id, replacing any before; its {@code nextDue} is the profile's due instant. */
    void put(ProfileState state);

    /** Forgets the profile's state (erasure; the absorbed side of a merge). Absent: nothing happens. */
    void delete(String profileId);
}
