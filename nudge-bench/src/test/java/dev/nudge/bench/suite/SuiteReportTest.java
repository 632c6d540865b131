package dev.nudge.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteReportTest {
    @TempDir
    Path dir;

    @Test
    void figuresRecordedByTheParts_becomeOneVerdictPerBarAndSize() throws Exception {
        Path csv = dir.resolve("results.csv");
        System.setProperty(SuiteResults.PROPERTY, csv.toString());
        try {
            SuiteResults.record("ingest", "durable_events_per_s", 10_000, 14_000, "events/s");
            SuiteResults.record("ingest", "tokenize_only_ceiling_events_per_s", 10_000, 70_000, "events/s");
            SuiteResults.record("ingest", "durable_events_per_s", 100_000, 120_000, "events/s");
            SuiteResults.record("backfill", "nudge_catalog_backfill_ms", 10_000, 300, "ms");
            SuiteResults.record("backfill", "duckdb_20_segments_ms", 10_000, 1_000, "ms");
            SuiteResults.record("backfill", "postgres_20_segments_ms", 10_000, 600, "ms");
            SuiteResults.record("timer-lateness", "p99_ms_at_1000_due_per_s", 0, 120, "ms");
            SuiteResults.record("timer-lateness", "max_ms_at_1000_due_per_s", 0, 1_500, "ms");
        } finally {
            System.clearProperty(SuiteResults.PROPERTY);
        }
        List<SuiteReport.Line> lines = SuiteReport.lines(Figures.read(csv));

        assertThat(lines).filteredOn(l -> l.bar().equals("ingest")).extracting(SuiteReport.Line::size, SuiteReport.Line::met)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10,000", false), org.assertj.core.groups.Tuple.tuple("100,000", true));
        assertThat(lines).filteredOn(l -> l.bar().equals("ingest")).first().extracting(SuiteReport.Line::note).asString().contains("0.20 of the tokenize-only ceiling");
        assertThat(lines).filteredOn(l -> l.bar().equals("backfill")).singleElement().satisfies(l -> {
            assertThat(l.met()).isTrue();
            assertThat(l.note()).contains("0.3x DuckDB").contains("0.5x PostgreSQL");
        });
        assertThat(lines).filteredOn(l -> l.bar().equals("timer-lateness")).singleElement().satisfies(l -> {
            assertThat(l.size()).isEqualTo("any");
            assertThat(l.met()).as("the max, not the p99, decides 'within 1 s'").isFalse();
        });
        assertThat(lines).filteredOn(l -> l.bar().equals("sending")).singleElement().satisfies(l -> {
            assertThat(l.value()).isEqualTo("not measured in this run");
            assertThat(l.met()).isNull();
        });
        assertThat(lines).filteredOn(l -> l.bar().equals("behavior-to-smtp")).singleElement().extracting(SuiteReport.Line::note).asString().contains("flows");
        assertThat(SuiteReport.markdown(lines)).contains("| ingest | 100,000 | 120,000 events/s | **yes** |");
    }

    @Test
    void withoutTheProperty_recordingWritesNothing() throws Exception {
        System.clearProperty(SuiteResults.PROPERTY);
        SuiteResults.record("ingest", "durable_events_per_s", 1, 1, "events/s");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
