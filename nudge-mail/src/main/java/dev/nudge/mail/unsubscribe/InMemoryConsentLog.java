package dev.nudge.mail.unsubscribe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** For tests and the demo. */
public final class InMemoryConsentLog implements ConsentLog {
    private final Map<String, List<ConsentLogEntry>> byProfile = new ConcurrentHashMap<>();

    @Override
    public void append(ConsentLogEntry entry) {
        byProfile.computeIfAbsent(entry.profileId(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(entry);
    }

    @Override
    public List<ConsentLogEntry> history(String profileId) {
        List<ConsentLogEntry> l = byProfile.get(profileId);
        if (l == null) return List.of();
        synchronized (l) {
            return List.copyOf(l);
        }
    }
}
