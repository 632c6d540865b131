package dev.nudge.server.dashboard;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Events per minute for the overview, from the server's own counter ({@code nudge.events.accepted},
 * the one {@code /metrics} serves), not from the store: reading the events column by time would mean
 * a scan over every profile's events, which is keyed by profile first.
 *
 * <p>How. The counter only grows, so the events of a minute are the counter at that minute's end
 * minus the counter at its start. The dashboard samples the counter when the overview (or its
 * fragment, polled every 10 s while the page is open) is rendered and keeps the first sample seen in
 * each minute. Invariant: a minute has a figure only if a sample fell in it and in the next one;
 * minutes when nobody looked have none and are shown as gaps, never guessed. So the chart fills in
 * while someone watches, and starts empty after a restart (the counter restarts at zero too).
 */
final class EventRate {
    /** Minutes of history kept. */
    static final int MINUTES = 60;

    private final InstantSource clock;
    private final LongSupplier counter;
    /** Minute start → the counter at the first sample in that minute (and the sample's time). Guarded by this. */
    private final TreeMap<Instant, long[]> firstSample = new TreeMap<>();

    EventRate(InstantSource clock, LongSupplier counter) {
        this.clock = clock;
        this.counter = counter;
    }

    /** Samples the counter now. */
    synchronized void sample() {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        firstSample.putIfAbsent(minute, new long[] {counter.getAsLong(), now.toEpochMilli()});
        while (firstSample.size() > MINUTES + 1) firstSample.pollFirstEntry();
    }

    /**
     * The last {@link #MINUTES} minutes as uPlot data {@code [[minute start, epoch s...], [events or null...]]}:
     * each minute's events, scaled to a whole minute from the two samples around it (they may be a few
     * seconds off the minute's edges); null where a sample is missing.
     */
    synchronized List<List<Long>> series() {
        Instant end = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        List<Long> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = MINUTES; i >= 1; i--) {
            Instant m = end.minus(i, ChronoUnit.MINUTES);
            long[] a = firstSample.get(m), b = firstSample.get(m.plus(1, ChronoUnit.MINUTES));
            xs.add(m.getEpochSecond());
            ys.add(a == null || b == null || b[1] <= a[1] ? null : Math.round((b[0] - a[0]) * 60_000.0 / (b[1] - a[1])));
        }
        return List.of(xs, ys);
    }

    /** Events in the last complete minute that has a figure, or null when none has one yet. */
    synchronized Long lastMinute() {
        List<Long> ys = series().get(1);
        for (int i = ys.size() - 1; i >= 0; i--) if (ys.get(i) != null) return ys.get(i);
        return null;
    }
}
