package dev.nudge.store.state;

import dev.nudge.core.processor.ProfileState;
import dev.nudge.core.state.ProfileStates;
import java.util.Objects;

/**
 * Times every call on the layers below and tells a {@link StateObserver} (STYLE.md §3: the outer
 * layer, like Kafka's MeteredKeyValueStore). The observer may be replaced while running (metrics
 * are bound after the runtime is built); cache hits are the caching layer's own counters.
 */
public final class MeteredProfileStates implements ProfileStates {
    private final ProfileStates inner;
    private volatile StateObserver observer = StateObserver.NONE;

    public MeteredProfileStates(ProfileStates inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    public void observe(StateObserver o) {
        observer = Objects.requireNonNull(o, "observer");
    }

    @Override
    public ProfileState get(String profileId) {
        long start = System.nanoTime();
        ProfileState s = inner.get(profileId);
        observer.got(s != null, System.nanoTime() - start);
        return s;
    }

    @Override
    public void put(ProfileState state) {
        long start = System.nanoTime();
        inner.put(state);
        observer.put(System.nanoTime() - start);
    }

    @Override
    public void delete(String profileId) {
        long start = System.nanoTime();
        inner.delete(profileId);
        observer.deleted(System.nanoTime() - start);
    }
}
