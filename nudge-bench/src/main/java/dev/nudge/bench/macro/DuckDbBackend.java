package dev.nudge.bench.macro;

import dev.nudge.bench.segments.BenchSegments;
import dev.nudge.bench.workload.Workload;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB in process (JDBC), in memory: the events table is loaded from {@code events.csv} with
 * {@code COPY} (DuckDB's CSV reader, types from the table). No index: DuckDB scans column segments
 * with zone maps, which is how it is used for this work.
 */
public final class DuckDbBackend extends JdbcBackend {

    private final int threads;
    private final String memoryLimit;

    /** @param threads worker threads DuckDB may use (the machine's cores for a fair comparison) */
    public DuckDbBackend(int threads, String memoryLimit) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        this.threads = threads;
        this.memoryLimit = memoryLimit;
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public void load(Workload workload) throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = connection.createStatement()) {
            st.execute("SET threads = " + threads);
            st.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
            st.execute("SET preserve_insertion_order = false");
            st.execute(BenchSegments.schemaSql());
            String path = workload.csv().toAbsolutePath().toString().replace("'", "''");
            st.execute("COPY events FROM '" + path + "' (FORMAT csv, HEADER true)");
        }
    }
}
