package dev.nudge.server.intelligence;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventJson;
import dev.nudge.core.intelligence.OrderEvents;
import dev.nudge.store.Column;
import dev.nudge.store.NudgeStore;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every profile's order events, read from the store in one ordered scan of the events column.
 *
 * <p>Why one scan rather than {@code forEachProfile} + {@code history(id)}: event keys are
 * {@code [u16 len][profileId][time][messageId]} (StoreKeys), so one pass visits each profile's events
 * contiguously and in time order with sequential reads, instead of one seek per profile. Only
 * {@code Order Completed} / {@code Order Refunded} events are decoded: a byte search for those names
 * skips every page view and open before any JSON parsing (a false hit is filtered after decoding).
 * Events of merged profiles were re-homed under the surviving id by identity resolution, so the
 * profile id in the key is the canonical one.
 */
final class OrderHistory {
    private static final byte[] COMPLETED = OrderEvents.ORDER_COMPLETED.getBytes(StandardCharsets.UTF_8);
    private static final byte[] REFUNDED = OrderEvents.ORDER_REFUNDED.getBytes(StandardCharsets.UTF_8);

    /** @param byProfile order events per canonical profile id, in event-time order; {@code scanned} events in all */
    record Snapshot(Map<String, List<Event>> byProfile, long scanned, long orderEvents) {}

    private OrderHistory() {}

    /** The order events stored with event time at or before {@code asOf}. */
    static Snapshot read(NudgeStore store, Instant asOf) {
        Map<String, List<Event>> out = new HashMap<>();
        long[] counts = {0, 0};
        long limit = asOf.toEpochMilli();
        store.scan(Column.EVENTS, new byte[0], (k, v) -> {
            counts[0]++;
            if (indexOf(v, COMPLETED) < 0 && indexOf(v, REFUNDED) < 0) return;
            int len = ((k[0] & 0xFF) << 8) | (k[1] & 0xFF);
            long millis = readLong(k, 2 + len) ^ Long.MIN_VALUE;
            if (millis > limit) return;
            Event e = EventJson.fromBytes(v);
            if (!OrderEvents.ORDER_COMPLETED.equals(e.name()) && !OrderEvents.ORDER_REFUNDED.equals(e.name())) return;
            String id = new String(k, 2, len, StandardCharsets.UTF_8);
            out.computeIfAbsent(id, x -> new ArrayList<>(4)).add(e);
            counts[1]++;
        });
        return new Snapshot(out, counts[0], counts[1]);
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (b[at + i] & 0xFF);
        return v;
    }

    /** First index of {@code needle} in {@code hay}, or -1 (names are short: a plain scan is enough). */
    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0, last = hay.length - needle.length; i <= last; i++) {
            if (hay[i] != needle[0]) continue;
            for (int j = 1; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
