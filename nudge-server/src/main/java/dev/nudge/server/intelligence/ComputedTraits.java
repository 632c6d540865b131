package dev.nudge.server.intelligence;

import dev.nudge.core.profile.Profile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trait keys that intelligence refreshes own, and how a refresh replaces them on a profile.
 *
 * <p>Ownership rule: the top-level traits {@code rfm}, {@code predicted}, {@code recency},
 * {@code replenishment} and {@code recommendations} belong to the refresh. Each refresh <em>replaces</em> all five on every
 * profile: a key computed this time gets its new value, a key not computed this time (the profile no
 * longer buys, or BG/NBD's data requirements went unmet) is removed, so a segment never acts on a
 * stale prediction. Every other trait is left exactly as the customer sent it.
 *
 * <p>An {@code identify} <em>can</em> write these keys (Segment semantics: later values win), and
 * its value stands until the next refresh replaces it. Why not refuse them: clients that read a
 * profile over the API and send its traits back (CRM syncs) would then have whole calls refused, or
 * silently lose data; and the ingest path is the hot path shared by every write. The refresh is the
 * single source of truth for these keys, and the schedule bounds how long any other value lives.
 */
public final class ComputedTraits {
    /** The top-level trait keys a refresh writes and removes. */
    public static final List<String> KEYS = List.of("rfm", "predicted", "recency", "replenishment", "recommendations");

    private ComputedTraits() {}

    /**
     * {@code p} with its computed keys replaced by those of {@code computed} (keys outside
     * {@link #KEYS} in {@code computed} are refused: a refresh must never touch customer traits).
     * Returns {@code p} itself when nothing changes, so callers can skip the write.
     */
    public static Profile replace(Profile p, Map<String, Object> computed) {
        for (String k : computed.keySet()) {
            if (!KEYS.contains(k)) throw new IllegalArgumentException("computed trait " + k + " is not one of " + KEYS);
        }
        Map<String, Object> update = new LinkedHashMap<>();
        for (String k : KEYS) {
            Object now = computed.get(k);
            Object before = p.traits().get(k);
            if (!Objects.equals(normal(now), normal(before))) update.put(k, now); // null removes (Profile.withTraits)
        }
        return update.isEmpty() ? p : p.withTraits(update);
    }

    /** Whether {@code p} carries any computed key (then a refresh that computed nothing for it must clear them). */
    public static boolean hasAny(Profile p) {
        for (String k : KEYS) if (p.traits().containsKey(k)) return true;
        return false;
    }

    /**
     * Values as they look after a JSON round trip through the store, so an unchanged trait compares
     * equal to its stored copy (integers widen to long, other numbers to double, instants are strings).
     */
    private static Object normal(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, normal(x)));
            return out;
        }
        if (v instanceof List<?> l) return l.stream().map(ComputedTraits::normal).toList();
        if (v instanceof Integer || v instanceof Long || v instanceof Short) return ((Number) v).longValue();
        if (v instanceof Number n) return n.doubleValue();
        return v;
    }
}
