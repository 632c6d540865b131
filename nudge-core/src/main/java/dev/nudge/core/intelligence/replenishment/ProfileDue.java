package dev.nudge.core.intelligence.replenishment;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A profile's replenishment due date per product, and the earliest of them. */
public record ProfileDue(Map<String, Instant> perProduct) {

    public ProfileDue {
        perProduct = Collections.unmodifiableMap(new TreeMap<>(perProduct));
    }

    /** The earliest due date (ties: the product first in name order), if any product is due at all. */
    public Optional<Map.Entry<String, Instant>> next() {
        return perProduct.entrySet().stream().min(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    }

    /**
     * The computed traits: {@code {"replenishment": {"next_due": ISO, "next_product": ID, "due": {ID: ISO}}}};
     * empty when nothing is due, so a segment on {@code replenishment.next_due} simply does not match.
     * ISO-8601 instants work with {@code in_next: 7d}, {@code before} and {@code after}.
     */
    public Map<String, Object> traits() {
        Optional<Map.Entry<String, Instant>> n = next();
        if (n.isEmpty()) return Map.of();
        Map<String, Object> due = new LinkedHashMap<>();
        perProduct.forEach((p, at) -> due.put(p, at.toString()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("next_due", n.get().getValue().toString());
        r.put("next_product", n.get().getKey());
        r.put("due", due);
        return Map.of("replenishment", r);
    }
}
