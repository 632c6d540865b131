package dev.nudge.mail.suppression;

import java.util.List;

/**
 * The suppression list: at most one entry per (email, reason).
 *
 * <p>RocksDB layout hint: key {@code sup/{email}/{reason}} → entry, so {@link #find} is one prefix
 * scan and {@link #page} is an ordered scan from the cursor. Every operation is a single-key write;
 * no multi-key atomicity is needed.
 */
public interface SuppressionStore {
    void put(Suppression s);

    /** Removes that reason for that address; returns whether it was there. */
    boolean remove(String email, SuppressionReason reason);

    /** Every entry for the address (any case), in reason order. */
    List<Suppression> find(String email);

    /**
     * Entries ordered by (email, reason), starting after {@code cursor} (null: from the start), at most
     * {@code limit}. The API's {@code next_cursor} is {@link #cursorOf} of the last entry returned.
     */
    List<Suppression> page(String cursor, int limit);

    static String cursorOf(Suppression s) {
        return s.email() + "/" + s.reason().name();
    }
}
