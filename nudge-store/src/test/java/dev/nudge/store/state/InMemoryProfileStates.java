package dev.nudge.store.state;

import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.state.ProfileStates;
import java.util.HashMap;
import java.util.Map;

/** The reference implementation: a map. What every other implementation must behave as (ProfileStatesContractTest). */
final class InMemoryProfileStates implements ProfileStates {
    final Map<String, ProfileState> states = new HashMap<>();
    int gets, puts, deletes;

    @Override
    public ProfileState get(String profileId) {
        gets++;
        return states.get(profileId);
    }

    @Override
    public void put(ProfileState state) {
        puts++;
        states.put(state.id(), state);
    }

    @Override
    public void delete(String profileId) {
        deletes++;
        states.remove(profileId);
    }
}
