package dev.nudge.mail.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** For tests and the demo; survives a simulated crash when the same instance is handed to a new runner. */
public final class InMemoryOutboxStore implements OutboxStore {
    private final ConcurrentSkipListMap<String, OutboxEntry> entries = new ConcurrentSkipListMap<>();

    @Override
    public boolean enqueue(OutboxEntry entry) {
        return entries.putIfAbsent(entry.key(), entry) == null;
    }

    @Override
    public Optional<OutboxEntry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public boolean compareAndSet(String key, OutboxStatus expected, OutboxEntry next) {
        boolean[] done = {false};
        entries.computeIfPresent(key, (k, cur) -> {
            if (cur.status() != expected) return cur;
            done[0] = true;
            return next;
        });
        return done[0];
    }

    @Override
    public List<OutboxEntry> inStatus(OutboxStatus status, String afterKey, int limit) {
        List<OutboxEntry> out = new ArrayList<>();
        for (OutboxEntry e : (afterKey == null ? entries : entries.tailMap(afterKey, false)).values()) {
            if (out.size() >= limit) break;
            if (e.status() == status) out.add(e);
        }
        return out;
    }

    public int size() {
        return entries.size();
    }
}
