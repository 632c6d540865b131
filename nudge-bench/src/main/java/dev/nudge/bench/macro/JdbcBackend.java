package dev.nudge.bench.macro;

import dev.nudge.bench.segments.BenchSegment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** What the SQL backends share: run a segment's query with {@code :now} bound, collect the ids. */
abstract class JdbcBackend implements SegmentBackend {

    protected Connection connection;

    @Override
    public Set<String> members(BenchSegment segment, Instant now) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(segment.jdbcSql())) {
            for (int i = 1; i <= segment.nowParameters(); i++) {
                st.setLong(i, now.toEpochMilli());
            }
            Set<String> members = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if (!members.add(id)) {
                        throw new IllegalStateException("the " + name() + " SQL of " + segment.id()
                                + " returned profile " + id + " twice; a segment query must return each member once");
                    }
                }
            }
            return members;
        } catch (SQLException e) {
            throw new SQLException(name() + " failed on segment " + segment.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code SELECT count(*)} over the segment's query: the engine must produce every member row (the
     * filters use every column the query computes, so no aggregate can be pruned), but the rows are
     * not transferred over JDBC.
     */
    @Override
    public long computeCount(BenchSegment segment, Instant now) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT count(*) FROM (\n" + segment.jdbcSql() + "\n) AS segment_members")) {
            for (int i = 1; i <= segment.nowParameters(); i++) {
                st.setLong(i, now.toEpochMilli());
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new SQLException(name() + " failed on segment " + segment.id() + ": " + e.getMessage(), e);
        }
    }

    /** The ids come from the segment's own query: the same work as the count, plus the transfer. */
    @Override
    public boolean membersComputeInFull() {
        return true;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) connection.close();
    }
}
