package dev.nudge.store.state;

import dev.nudge.core.state.DueIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The reference due index: a map of profile → due and a sorted set of (due, profile). */
final class InMemoryDueIndex implements DueIndex {
    private final Map<String, Instant> byProfile = new HashMap<>();
    private final TreeSet<Due> byTime = new TreeSet<>(Comparator.comparing(Due::at).thenComparing(Due::profileId));

    @Override
    public void schedule(String profileId, Instant due) {
        Instant old = byProfile.remove(profileId);
        if (old != null) byTime.remove(new Due(profileId, old));
        if (due != null) {
            Instant ms = Instant.ofEpochMilli(due.toEpochMilli()); // kept to the millisecond, as the contract says
            byProfile.put(profileId, ms);
            byTime.add(new Due(profileId, ms));
        }
    }

    @Override
    public Instant scheduled(String profileId) {
        return byProfile.get(profileId);
    }

    @Override
    public List<Due> due(Instant upTo, int limit) {
        if (limit <= 0) throw new IllegalArgumentException("limit must be positive, got " + limit);
        List<Due> out = new ArrayList<>();
        for (Due d : byTime) {
            if (d.at().toEpochMilli() > upTo.toEpochMilli() || out.size() == limit) break;
            out.add(d);
        }
        return out;
    }
}
