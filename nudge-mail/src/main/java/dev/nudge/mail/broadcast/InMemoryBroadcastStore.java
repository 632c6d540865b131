package dev.nudge.mail.broadcast;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** For tests and the demo. */
public final class InMemoryBroadcastStore implements BroadcastStore {
    private final ConcurrentHashMap<String, BroadcastState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<BroadcastState> load(String id) {
        return Optional.ofNullable(states.get(id));
    }

    @Override
    public void save(BroadcastState state) {
        states.put(state.id(), state);
    }
}
