package dev.nudge.server.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rendered email HTML waiting to be loaded into a preview frame. A preview's HTML is not put in the
 * page (an {@code srcdoc} frame inherits the dashboard's CSP, which forbids the inline styles every
 * email has, and would log a violation for each): it is held here under a random key, and the frame
 * loads {@code /templates/preview/KEY} with the outbox's sandboxing CSP (no script, no forms, no
 * remote images).
 *
 * <p>Invariants: a key is 256 random bits and opens only for the session that rendered it; at most
 * {@link #MAX} previews are held (the least recently used go first), so a frame left open long
 * enough may answer 404 and a new keystroke renders it again.
 */
final class PreviewFrames {
    static final int MAX = 500;

    private record Held(String session, String html) {}

    /** Access order, so the eldest entry is the least recently used. Guarded by this. */
    private final LinkedHashMap<String, Held> held = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
            return size() > MAX;
        }
    };

    /** Holds {@code html} for {@code session}; returns the key that opens it. */
    synchronized String put(String session, String html) {
        String key = Sessions.randomToken();
        held.put(key, new Held(session, html));
        return key;
    }

    /** The HTML held under {@code key} for {@code session}, or null. */
    synchronized String get(String session, String key) {
        Held h = held.get(key);
        return h == null || !h.session().equals(session) ? null : h.html();
    }
}
