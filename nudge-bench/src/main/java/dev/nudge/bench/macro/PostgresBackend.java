package dev.nudge.bench.macro;

import dev.nudge.bench.segments.BenchSegments;
import dev.nudge.bench.workload.Workload;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * PostgreSQL over JDBC against a running server (bench/postgres.sh starts a throwaway one). The table
 * is UNLOGGED (a benchmark copy; WAL would only slow the load, never the queries), loaded with
 * {@code COPY FROM STDIN}, then indexed the way a team running these queries would index it:
 * {@code (event, ts)} for the window scans and {@code (profile_id, event, ts)} for the per-profile
 * joins of sequences; then {@code ANALYZE}. Load time includes the indexes.
 */
public final class PostgresBackend extends JdbcBackend {

    private final String url;

    /** @param url a JDBC URL with credentials, e.g. {@code jdbc:postgresql://localhost:55432/nudge_bench?user=bench} */
    public PostgresBackend(String url) {
        this.url = url;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void load(Workload workload) throws SQLException, IOException {
        try {
            connection = DriverManager.getConnection(url);
        } catch (SQLException e) {
            throw new SQLException("cannot connect to PostgreSQL at " + url + " (" + e.getMessage()
                    + "); start one with bench/postgres.sh start, or leave postgres out with --engines duckdb", e);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS events");
            st.execute(BenchSegments.schemaSql().replace("CREATE TABLE", "CREATE UNLOGGED TABLE"));
        }
        try (Reader in = Files.newBufferedReader(workload.csv(), StandardCharsets.UTF_8)) {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY events FROM STDIN WITH (FORMAT csv, HEADER true)", in);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE INDEX events_event_ts ON events (event, ts)");
            st.execute("CREATE INDEX events_profile_event_ts ON events (profile_id, event, ts)");
            st.execute("ANALYZE events");
            // The trait lookups join the latest identify back on ts = max(ts); PostgreSQL estimates that
            // join at 1 row (there is one per profile) and at 1 M profiles then picks a nested loop with
            // a join filter over the other condition's rows: s13 ran > 10 min. Hash and merge joins do
            // not depend on that estimate. A planner setting, so the SQL and its meaning stay the same.
            st.execute("SET enable_nestloop = off");
        }
    }
}
