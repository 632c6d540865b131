package dev.nudge.server.intelligence;

import dev.nudge.core.intelligence.RefreshSettings;
import dev.nudge.server.NudgeRuntime;
import io.javalin.config.RoutesConfig;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Customer intelligence in the running server: the refresh service, its schedule and its routes,
 * configured from the server's environment map so {@code NudgeServer} needs two lines for it:
 * <ul>
 *   <li>{@code NUDGE_INTELLIGENCE_EVERY} — interval of the scheduled refresh ({@code 24h} by default,
 *       {@code off} for on demand only); {@code nudge serve --intelligence-every} sets it;</li>
 *   <li>{@code NUDGE_INTELLIGENCE_ZONE} — the shop's time zone for calendar days (default UTC).</li>
 * </ul>
 */
public final class Intelligence implements AutoCloseable {
    public static final String EVERY_ENV = "NUDGE_INTELLIGENCE_EVERY";
    public static final String ZONE_ENV = "NUDGE_INTELLIGENCE_ZONE";

    private final IntelligenceService service;
    private final IntelligenceSchedule schedule; // null when off

    private Intelligence(IntelligenceService service, IntelligenceSchedule schedule) {
        this.service = service;
        this.schedule = schedule;
    }

    /** Builds the service; the background schedule starts only when {@code runSchedule} (false in tests on a controlled clock). */
    public static Intelligence start(NudgeRuntime runtime, Map<String, String> env, InstantSource clock, boolean runSchedule) {
        RefreshSettings settings = RefreshSettings.defaults().withZone(ZoneId.of(env.getOrDefault(ZONE_ENV, "UTC")));
        IntelligenceService service = new IntelligenceService(runtime.store(), runtime.writer(), runtime.segments(), clock, settings);
        Optional<Duration> every = IntelligenceSchedule.parseEvery(env.getOrDefault(EVERY_ENV, "24h"));
        IntelligenceSchedule schedule = every.map(d -> new IntelligenceSchedule(service, clock, d)).orElse(null);
        if (schedule != null && runSchedule) schedule.start();
        return new Intelligence(service, schedule);
    }

    public void register(RoutesConfig app, dev.nudge.store.NudgeStore store) {
        new IntelligenceRoutes(this, store).register(app);
    }

    public IntelligenceService service() {
        return service;
    }

    /** The schedule, empty when refreshes run on demand only. */
    public Optional<IntelligenceSchedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    Map<String, Object> scheduleView() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("every", schedule == null ? "off" : schedule.every().toString());
        m.put("next_due", schedule == null ? null : schedule.nextDue().toString());
        return m;
    }

    @Override
    public void close() {
        if (schedule != null) schedule.close();
    }
}
