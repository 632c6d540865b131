package dev.nudge.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.bench.segments.BenchSegment;
import dev.nudge.bench.segments.BenchSegments;
import dev.nudge.bench.workload.Workload;
import dev.nudge.bench.workload.WorkloadGenerator;
import dev.nudge.bench.workload.WorkloadSpec;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke test of the SQL side at 2,000 profiles: all 20 segments run on DuckDB with a plausible,
 * non-degenerate membership, and — when a PostgreSQL server is reachable and
 * {@code NUDGE_BENCH_POSTGRES=1} — PostgreSQL returns exactly the same members; Nudge, ingesting the
 * batch files through its real write path and backfilling the 20 segments, returns exactly the same
 * members too, both from its stored memberships and from the per-segment backfill the harness times.
 * Asserts no timing.
 */
class SqlBaselineSmokeTest {

    static final WorkloadSpec SPEC = WorkloadSpec.of(2_000);
    @TempDir static Path dir;
    static Workload workload;
    static DuckDbBackend duck;
    static Set<String> universe;
    static final Map<String, Set<String>> DUCK_MEMBERS = new LinkedHashMap<>();

    @BeforeAll
    static void loadDuckDb() throws Exception {
        workload = WorkloadGenerator.generate(SPEC, dir, true);
        duck = new DuckDbBackend(2, "1GB");
        duck.load(workload);
        universe = new HashSet<>();
        try (ResultSet rs = duck.connection.createStatement().executeQuery("SELECT DISTINCT profile_id FROM events")) {
            while (rs.next()) universe.add(rs.getString(1));
        }
        for (BenchSegment s : BenchSegments.all()) {
            DUCK_MEMBERS.put(s.id(), duck.members(s, workload.now()));
        }
    }

    @AfterAll
    static void close() throws Exception {
        if (duck != null) duck.close();
    }

    @Test
    void allTwentySegments_haveNonDegenerateMembershipOnDuckDb() {
        assertThat(DUCK_MEMBERS).hasSize(20);
        StringBuilder report = new StringBuilder();
        DUCK_MEMBERS.forEach((id, m) -> report.append(id).append('=').append(m.size()).append(' '));
        System.out.println("members at " + workload.now() + " of " + universe.size() + " profiles: " + report);
        DUCK_MEMBERS.forEach((id, members) -> {
            assertThat(members).as("%s members (all: %s)", id, report).isNotEmpty();
            assertThat(members.size()).as("%s is not everyone", id).isLessThan(universe.size() / 2);
            assertThat(universe).as("%s members are known profiles", id).containsAll(members);
        });
    }

    @Test
    void rowCount_matchesTheGeneratedEvents() throws Exception {
        try (ResultSet rs = duck.connection.createStatement().executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(workload.events());
        }
    }

    @Test
    void postgres_returnsTheSameMembersAsDuckDb() throws Exception {
        String why = System.getenv("NUDGE_BENCH_POSTGRES_SKIP_REASON");
        Assumptions.assumeTrue("1".equals(System.getenv("NUDGE_BENCH_POSTGRES")),
                "PostgreSQL part skipped" + (why != null ? " (" + why + ")" : "") + ": start one with bench/postgres.sh start and set NUDGE_BENCH_POSTGRES=1"
                        + " (and NUDGE_BENCH_POSTGRES_URL if it is not " + BenchOptions.DEFAULT_POSTGRES_URL + ")");
        String url = System.getenv().getOrDefault("NUDGE_BENCH_POSTGRES_URL", BenchOptions.DEFAULT_POSTGRES_URL);
        try (PostgresBackend pg = new PostgresBackend(url)) {
            pg.load(workload);
            List<String> disagreements = new java.util.ArrayList<>();
            for (BenchSegment s : BenchSegments.all()) {
                Set<String> p = pg.members(s, workload.now());
                if (!p.equals(DUCK_MEMBERS.get(s.id()))) {
                    disagreements.add(Agreement.describe(s.id(), Map.of("duckdb", DUCK_MEMBERS.get(s.id()), "postgres", p)));
                }
            }
            assertThat(disagreements).as("segments where PostgreSQL and DuckDB disagree").isEmpty();
        }
    }

    @Test
    void nudge_backfillReturnsTheSameMembersAsDuckDb() throws Exception {
        try (NudgeBackend nudge = new NudgeBackend(BenchSegments.all(), true)) {
            long t0 = System.nanoTime();
            nudge.load(workload);
            System.out.printf("nudge ingested %,d events in %.1f s%n", workload.events(), (System.nanoTime() - t0) / 1e9);
            List<String> disagreements = new java.util.ArrayList<>();
            for (BenchSegment s : BenchSegments.all()) {
                Set<String> n = nudge.members(s, workload.now());
                if (!n.equals(DUCK_MEMBERS.get(s.id()))) {
                    disagreements.add(Agreement.describe(s.id(), Map.of("duckdb", DUCK_MEMBERS.get(s.id()), "nudge", n)));
                }
                long single = nudge.computeCount(s, workload.now());
                if (single != n.size()) {
                    disagreements.add(s.id() + ": the one-segment backfill counts " + single + " members, the catalog backfill "
                            + n.size());
                }
            }
            assertThat(disagreements).as("segments where Nudge and DuckDB disagree").isEmpty();
        }
    }
}
