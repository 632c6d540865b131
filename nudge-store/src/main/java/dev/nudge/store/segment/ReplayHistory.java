package dev.nudge.store.segment;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventJson;
import dev.nudge.core.event.EventType;
import dev.nudge.core.segment.HistorySource;
import dev.nudge.core.segment.SegmentEngine;
import dev.nudge.store.StoreKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A profile's stored history for a rebuild, decoding only what the rebuild reads: the earliest
 * event, every event that may carry traits (identify), and the events whose name a condition of
 * the catalog mentions ({@link SegmentEngine#reads}). The rest — most page views, for a catalog
 * about orders — is recognised from the head of its bytes and never decoded. The rebuild's result
 * is the same as over the whole history (pinned by {@code RebuildSkipsUnreadEventsTest} in core).
 *
 * <p>Relies on the event key order being time order ({@link StoreKeys#eventKey}), so the first
 * event scanned is the earliest.
 */
public final class ReplayHistory {
    /** Scans one column prefix in key order: {@code Txn::scan} or {@code NudgeStore::scan} on EVENTS. */
    @FunctionalInterface
    public interface EventScan {
        void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor);
    }

    private ReplayHistory() {
    }

    public static HistorySource of(EventScan scan, String profileId, SegmentEngine engine) {
        return () -> {
            List<Event> events = new ArrayList<>();
            boolean[] first = {true};
            scan.scan(StoreKeys.eventPrefix(profileId), (k, v) -> {
                // cheapest test first: a catalog that reads most names pays only the head parse
                if (first[0] || needed(engine, EventJson.conditionName(v)) || EventJson.mayCarryTraits(v)) events.add(EventJson.fromBytes(v));
                first[0] = false;
            });
            return events;
        };
    }

    /** The same over the raw events of a profile already read ({@link StoredProfiles#read}). */
    public static HistorySource of(StoredProfiles.Stored stored, SegmentEngine engine) {
        return of((prefix, v) -> stored.events().forEach(b -> v.accept(prefix, b)), stored.id(), engine);
    }

    private static boolean needed(SegmentEngine engine, String conditionName) {
        return conditionName.equals(EventType.IDENTIFY.wire()) || engine.reads(conditionName);
    }
}
