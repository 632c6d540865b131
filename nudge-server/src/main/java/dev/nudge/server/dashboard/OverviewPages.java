package dev.nudge.server.dashboard;

import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.server.segment.SegmentDefinitions;
import dev.nudge.store.NudgeStore;
import dev.nudge.store.segment.SegmentReads;
import dev.nudge.store.segment.StoredTransition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overview at {@code /}: what this process has counted since it started (events stored, emails
 * handed to the transport, email events by name, human and machine apart), the largest segments and
 * the latest transitions of all segments. Counts come from the metrics registry ({@code /metrics}
 * serves the same series), so they restart at zero with the process; so does the events-per-minute
 * chart, which samples that counter ({@link EventRate}).
 */
final class OverviewPages {
    static final int LATEST = 15;

    record Count(String label, long value) {}

    private final Dashboard dashboard;
    private final SegmentDefinitions definitions;
    private final SegmentReads reads;
    private final MeterRegistry registry;

    OverviewPages(Dashboard dashboard, NudgeStore store, SegmentDefinitions definitions, MeterRegistry registry) {
        this.dashboard = dashboard;
        this.definitions = definitions;
        this.reads = new SegmentReads(store);
        this.registry = registry;
    }

    void register(RoutesConfig app) {
        app.get("/", dashboard.page(this::overview));
        app.get("/overview/rate", dashboard.page(ctx -> dashboard.render(ctx, 200, "rate.jte", dashboard.frame(ctx, "", ""), rate())));
    }

    /** Events per minute (see {@link EventRate}: sampled while pages are viewed; the overview polls this fragment every 10 s). */
    private Map<String, Object> rate() {
        Long last = dashboard.eventRate.lastMinute();
        return Map.of("series", Text.json(dashboard.eventRate.series()), "lastMinute", last == null ? "not measured yet" : Long.toString(last));
    }

    static long counter(MeterRegistry registry, String name, String... tags) {
        return (long) registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    private void overview(Context ctx) {
        List<Views.Trait> counts = new ArrayList<>();
        counts.add(new Views.Trait("Events stored", Long.toString(counter(registry, "nudge.events.accepted"))));
        counts.add(new Views.Trait("Emails sent", Long.toString(counter(registry, "nudge.mail.handoffs", "result", "sent"))));
        Map<String, long[]> mail = new TreeMap<>(); // event -> {human, machine}
        for (Counter c : registry.find("nudge.mail.events").counters()) {
            long[] hm = mail.computeIfAbsent(c.getId().getTag("event"), k -> new long[2]);
            hm["true".equals(c.getId().getTag("machine")) ? 1 : 0] += (long) c.count();
        }
        mail.forEach((event, hm) -> counts.add(new Views.Trait(event, hm[1] == 0 ? Long.toString(hm[0]) : hm[0] + " (+" + hm[1] + " by machines)")));

        List<Views.SegmentRow> sizes = new ArrayList<>();
        for (SegmentDefinition d : definitions.list()) sizes.add(new Views.SegmentRow(d.id(), d.name(), reads.size(d.id()), "", definitions.origin(d.id())));
        sizes.sort(Comparator.comparingLong(Views.SegmentRow::size).reversed());

        long last = reads.lastSeq();
        List<StoredTransition> log = reads.log(Math.max(0, last - LATEST), LATEST);
        List<Views.TransitionRow> latest = new ArrayList<>();
        for (int i = log.size() - 1; i >= 0; i--) latest.add(Views.TransitionRow.of(log.get(i)));

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", counts);
        m.putAll(rate());
        m.put("segments", sizes.subList(0, Math.min(10, sizes.size())));
        m.put("latest", latest);
        dashboard.render(ctx, 200, "overview.jte", dashboard.frame(ctx, "Overview", "overview"), m);
    }
}
