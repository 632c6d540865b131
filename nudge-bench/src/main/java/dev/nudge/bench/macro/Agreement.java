package dev.nudge.bench.macro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The agreement check: every backend must return the same members for a segment. The first backend
 * (in name order) is the reference; a difference is reported with sizes and a few ids on each side,
 * enough to find the profile and replay its events.
 */
final class Agreement {

    private static final int SAMPLE = 5;

    private Agreement() {
    }

    /** Empty when all backends agree on {@code segmentId}; else what differs. */
    static Optional<String> check(String segmentId, Map<String, Set<String>> membersByBackend) {
        Set<Set<String>> distinct = new java.util.HashSet<>(membersByBackend.values());
        return distinct.size() <= 1 ? Optional.empty() : Optional.of(describe(segmentId, membersByBackend));
    }

    static String describe(String segmentId, Map<String, Set<String>> membersByBackend) {
        TreeMap<String, Set<String>> sorted = new TreeMap<>(membersByBackend);
        String refName = sorted.firstKey();
        Set<String> ref = sorted.get(refName);
        List<String> parts = new ArrayList<>();
        sorted.forEach((name, members) -> {
            if (name.equals(refName)) return;
            TreeSet<String> onlyHere = new TreeSet<>(members);
            onlyHere.removeAll(ref);
            TreeSet<String> onlyRef = new TreeSet<>(ref);
            onlyRef.removeAll(members);
            parts.add(String.format("%s has %d members, %s has %d; only in %s: %d %s; only in %s: %d %s",
                    refName, ref.size(), name, members.size(), name, onlyHere.size(), head(onlyHere),
                    refName, onlyRef.size(), head(onlyRef)));
        });
        return "segment " + segmentId + " disagrees: " + String.join("; ", parts);
    }

    private static List<String> head(TreeSet<String> ids) {
        return ids.stream().limit(SAMPLE).toList();
    }
}
