package dev.nudge.server.intelligence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a refresh when {@code every} has passed since the last one (the last one's {@code asOf}, which
 * is stored, so a restart neither skips nor repeats a day). Time comes only from the injected clock:
 * tests advance it and call {@link #runIfDue()}; the background thread merely polls it every
 * {@link #POLL}, which bounds the lateness of a daily job to a minute. Its first poll is at
 * {@link #start()}, so on a data folder where no refresh ever ran (say, freshly filled by
 * {@code nudge import}) the first refresh begins as the server starts, with trigger {@code start}.
 */
public final class IntelligenceSchedule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IntelligenceSchedule.class);
    static final Duration POLL = Duration.ofMinutes(1);

    private final IntelligenceService service;
    private final InstantSource clock;
    private final Duration every;
    private final Supplier<Optional<Instant>> lastRun;
    private Thread thread;

    public IntelligenceSchedule(IntelligenceService service, InstantSource clock, Duration every) {
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("the refresh interval must be positive, got " + every);
        this.service = service;
        this.clock = clock;
        this.every = every;
        this.lastRun = () -> service.last().map(RefreshReport::asOf);
    }

    public Duration every() {
        return every;
    }

    /** When the next scheduled refresh is due: now if none ever ran. */
    public Instant nextDue() {
        return nextDue(clock.instant());
    }

    private Instant nextDue(Instant now) {
        return lastRun.get().map(t -> t.plus(every)).orElse(now);
    }

    /**
     * Runs a refresh if one is due; returns whether it ran (false too when an on-demand refresh is running).
     * The clock is read once: comparing one reading with a second one taken for "due now" made a
     * moving clock always look a little early, so on a fresh store the first refresh never ran.
     */
    public boolean runIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextDue(now))) return false;
        try {
            service.refresh(lastRun.get().isEmpty() ? "start" : "schedule");
            return true;
        } catch (IntelligenceService.Busy e) {
            return false;
        }
    }

    public IntelligenceSchedule start() {
        thread = Thread.ofPlatform().daemon().name("nudge-intelligence").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    runIfDue(); // IntelligenceService logs the start and the end of every refresh
                    Thread.sleep(POLL);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("scheduled intelligence refresh failed; retrying at the next poll", e);
                    try { Thread.sleep(POLL); } catch (InterruptedException ie) { return; }
                }
            }
        });
        return this;
    }

    /**
     * Parses an interval such as {@code 24h}, {@code 30m}, {@code 7d} or an ISO-8601 {@code PT6H};
     * {@code off} (or {@code 0}) returns empty: no schedule, refresh on demand only.
     */
    public static Optional<Duration> parseEvery(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.equals("off") || s.equals("0") || s.equals("never")) return Optional.empty();
        try {
            if (s.startsWith("p")) return Optional.of(positive(Duration.parse(s.toUpperCase(Locale.ROOT)), text));
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            Duration d = switch (s.charAt(s.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
            return Optional.of(positive(d, text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("intelligence interval \"" + text + "\" is not understood; write it like 24h, 30m, 7d, or off");
        }
    }

    private static Duration positive(Duration d, String text) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(text);
        return d;
    }

    @Override
    public void close() {
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
