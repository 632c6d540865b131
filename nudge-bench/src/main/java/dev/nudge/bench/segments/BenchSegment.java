package dev.nudge.bench.segments;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One of the benchmark segments: its definition in the segment language (DESIGN.md §6) and the SQL
 * that computes the same members on DuckDB and PostgreSQL.
 *
 * @param yaml the segment file as written, for the Nudge backend to parse
 * @param sql a query returning one {@code profile_id} per member, with the instant {@code :now}
 *     (epoch milliseconds) as its only parameter, possibly used several times
 */
public record BenchSegment(String id, String name, String yaml, String sql) {

    private static final Pattern NOW = Pattern.compile("(?<!:):now\\b");
    /** Line comments; the benchmark SQL has no string literal containing "--". */
    private static final Pattern COMMENT = Pattern.compile("--[^\\n]*");

    public BenchSegment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sql, "sql");
        if (!NOW.matcher(code(sql)).find()) {
            throw new IllegalArgumentException("the SQL of segment " + id + " never uses :now; every benchmark query"
                    + " must be evaluated as of a bound instant");
        }
    }

    /** The SQL with each {@code :now} replaced by a JDBC {@code ?}. */
    public String jdbcSql() {
        return NOW.matcher(code(sql)).replaceAll("?");
    }

    /** How many {@code ?} {@link #jdbcSql()} has, all to be bound to the same instant. */
    public int nowParameters() {
        return (int) NOW.matcher(code(sql)).results().count();
    }

    /** The SQL without its comments, which may mention :now in prose. */
    private static String code(String sql) {
        return COMMENT.matcher(sql).replaceAll("");
    }
}
