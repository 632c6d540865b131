package dev.nudge.core.processor;

import dev.nudge.core.segment.Transition;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A profile's segment memberships independent of any catalog version: segment id → the instant of
 * the transition that entered it, exactly as the transition log recorded them. A rebuild (merge,
 * catalog change) diffs against these, because a segment state built under another catalog can
 * only be read by that catalog's engine. Immutable; may be {@link #lazy}, so a step that does not
 * rebuild never reads them (in this slice the store reads its {@code pm/} index only on demand).
 * Iteration order is the order given (the store's key order), which fixes the order of exits.
 */
public final class Memberships {
    public static final Memberships NONE = of(Map.of());

    private final Supplier<Map<String, Instant>> source;
    private volatile Map<String, Instant> map;

    private Memberships(Map<String, Instant> map, Supplier<Map<String, Instant>> source) {
        this.map = map;
        this.source = source;
    }

    public static Memberships of(Map<String, Instant> memberships) {
        return new Memberships(copy(memberships), null);
    }

    /** Read from {@code source} on first use, once. */
    public static Memberships lazy(Supplier<Map<String, Instant>> source) {
        return new Memberships(null, Objects.requireNonNull(source, "source"));
    }

    public Map<String, Instant> asMap() {
        Map<String, Instant> m = map;
        if (m == null) map = m = copy(source.get());
        return m;
    }

    public boolean isLoaded() {
        return map != null;
    }

    /** These memberships after {@code transitions} of {@code profileId} (others' are ignored); stays lazy if this is. */
    public Memberships after(String profileId, List<Transition> transitions) {
        if (transitions.stream().noneMatch(t -> t.profileId().equals(profileId))) return this;
        Supplier<Map<String, Instant>> next = () -> {
            Map<String, Instant> m = new LinkedHashMap<>(asMap());
            for (Transition t : transitions) {
                if (!t.profileId().equals(profileId)) continue;
                if (t.kind() == Transition.Kind.ENTERED) m.put(t.segmentId(), t.at()); else m.remove(t.segmentId());
            }
            return m;
        };
        return isLoaded() ? of(next.get()) : lazy(next);
    }

    private static Map<String, Instant> copy(Map<String, Instant> m) {
        Objects.requireNonNull(m, "memberships");
        m.forEach((k, v) -> {
            Objects.requireNonNull(k, "segment id");
            Objects.requireNonNull(v, () -> "since of segment " + k);
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Memberships m && asMap().equals(m.asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return isLoaded() ? asMap().toString() : "Memberships[not loaded]";
    }
}
