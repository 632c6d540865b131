package dev.nudge.bench.macro;

import dev.nudge.bench.workload.Workload;
import java.util.List;
import java.util.Optional;

/**
 * The performance bars of DESIGN.md §14 and the EXTENSION POINT to measure them. Each bar that has no
 * {@link Measurement} registered in {@link #MEASUREMENTS} is reported as "not yet measured"; a number
 * appears only once real code measures it. The integrator adds one implementation per bar as the
 * parts land (ingest server, engine, timers, mailer), in this package.
 */
final class Bars {

    private Bars() {
    }

    /** A bar of DESIGN.md §14, in its words, and the peer it is compared with when there is one. */
    record Bar(String id, String description, String peer) {
    }

    /** A measured value of a bar, and the peer's value in the same run when the bar has a peer. */
    record Figure(String barId, double value, String unit, Double peerValue, String note) {
    }

    /** Measures one bar over a generated workload; empty when it cannot run in this environment. */
    interface Measurement {
        String barId();

        Optional<Figure> measure(Workload workload) throws Exception;
    }

    static final List<Bar> ALL = List.of(
            new Bar("ingest", "durable ingest through /v1/batch with 20 segments and 5 flows live: >= 100,000 events/s on 2 cores",
                    "the same client against a tokenize-only endpoint"),
            new Bar("transition-latency", "event -> transition -> flow step scheduled: p99 <= 10 ms at 10,000 events/s", null),
            new Bar("timer-lateness", "time-caused transitions fire within 1 s of due", null),
            new Bar("backfill", "backfill of a segment over stored history at least as fast as DuckDB (ratio >= 1), far faster than PostgreSQL",
                    "DuckDB and PostgreSQL running the segment's SQL (measured by this harness)"),
            new Bar("incremental", "cost of one more event in Nudge vs re-running the SQL", "the SQL of the same segment"),
            new Bar("memory", "engine memory <= 1 KB per profile at 20 segments; per-event cost flat from 10k to 10M profiles", null),
            new Bar("behavior-to-smtp", "a behavior to the email it triggers, handed to SMTP: p99 <= 100 ms", null),
            new Bar("sending", ">= 5,000 rendered, tracked messages/s into a local SMTP server", null),
            new Bar("restart", "restart after kill -9 with 10M profiles: ready in <= 30 s", null));

    /** Registered measurements; none yet: the Nudge parts they measure are not on this branch. */
    static final List<Measurement> MEASUREMENTS = List.of();
}
