package dev.nudge.mail.suppression;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/** For tests and the demo: a sorted map keyed like the RocksDB layout. */
public final class InMemorySuppressionStore implements SuppressionStore {
    private final ConcurrentSkipListMap<String, Suppression> map = new ConcurrentSkipListMap<>();

    @Override
    public void put(Suppression s) {
        map.put(SuppressionStore.cursorOf(s), s);
    }

    @Override
    public boolean remove(String email, SuppressionReason reason) {
        return map.remove(Suppression.normalize(email) + "/" + reason.name()) != null;
    }

    @Override
    public List<Suppression> find(String email) {
        String e = Suppression.normalize(email) + "/";
        return List.copyOf(map.subMap(e, e + Character.MAX_VALUE).values());
    }

    @Override
    public List<Suppression> page(String cursor, int limit) {
        var tail = cursor == null ? map : map.tailMap(cursor, false);
        List<Suppression> out = new ArrayList<>();
        for (Suppression s : tail.values()) {
            if (out.size() >= limit) break;
            out.add(s);
        }
        return out;
    }
}
