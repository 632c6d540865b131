package dev.nudge.server.cli;

import dev.nudge.server.importer.CsvMapping;
import dev.nudge.server.importer.HttpSink;
import dev.nudge.server.importer.ImportSummary;
import dev.nudge.server.importer.Importer;
import dev.nudge.server.NudgeRuntime;
import java.time.InstantSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import events from CSV (with a column mapping), NDJSON or Segment batch files.",
                "Writes into --data directly (the server must be stopped), or with --url into a running server.",
                "Records are validated exactly like the HTTP API; bad ones are counted by reason and skipped.",
                "Exit code 0 when every record was stored (or already was), " + ImportCommand.SOME_REJECTED
                        + " when some were rejected (the others are stored), 1 on an error."})
public final class ImportCommand implements Callable<Integer> {
    /** The exit code of an import that stored what it could but rejected some records: scripts can tell it from a failure (1). */
    static final int SOME_REJECTED = 3;

    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE", description = "the file (.xz and .gz are decompressed)") Path file;
    @Option(names = "--format", description = "csv | ndjson | batch (default: from the file name)") String format;
    @Option(names = "--data", defaultValue = "nudge-data", description = "data folder (default: ${DEFAULT-VALUE})") Path data;
    @Option(names = "--segments", description = "the segments folder the server uses, so imported events update those segments too") Path segments;
    @Option(names = "--url", description = "import into a running server at this URL instead of --data") String url;
    @Option(names = "--write-key", description = "write key for --url (default: $NUDGE_WRITE_KEY)") String writeKey;

    @Option(names = "--type", defaultValue = "track", description = "CSV: message type, track or identify (default: ${DEFAULT-VALUE})") String type;
    @Option(names = "--event", description = "CSV: event name for track") String event;
    @Option(names = "--event-if", description = "CSV: COLUMN^PREFIX=EVENT, another event name for rows whose column starts with PREFIX") String eventIf;
    @Option(names = "--user-id", description = "CSV: column holding the userId") String userId;
    @Option(names = "--anonymous-id", description = "CSV: column holding the anonymousId") String anonymousId;
    @Option(names = "--timestamp", description = "CSV: column holding the event time") String timestamp;
    @Option(names = "--timestamp-format", description = "CSV: java.time pattern when the time is not ISO-8601, e.g. 'yyyy-MM-dd HH:mm:ss'") String timestampFormat;
    @Option(names = "--zone", defaultValue = "UTC", description = "CSV: time zone of --timestamp-format times (default: ${DEFAULT-VALUE})") String zone;
    @Option(names = "--message-id", description = "CSV: column holding a unique message id (default: derived from the file and row)") String messageId;
    @Option(names = "--property", description = "CSV: NAME=COLUMN[:number], repeatable") List<String> properties = new ArrayList<>();
    @Option(names = "--trait", description = "CSV: NAME=COLUMN[:number], repeatable (identify traits)") List<String> traits = new ArrayList<>();
    @Option(names = "--group-by", description = "CSV: consecutive rows with the same value in this column become one event") String groupBy;
    @Option(names = "--lines-into", defaultValue = "products", description = "CSV with --group-by: property holding the rows (default: ${DEFAULT-VALUE})") String linesInto;
    @Option(names = "--line", description = "CSV with --group-by: NAME=COLUMN[:number] of each row's object, repeatable") List<String> lines = new ArrayList<>();
    @Option(names = "--sum", description = "CSV with --group-by: NAME=COLA*COLB summed over the rows, repeatable") List<String> sums = new ArrayList<>();
    @Option(names = "--identify", description = "CSV: also send one identify per user, with the --trait columns") boolean identify;

    @Override
    public Integer call() throws Exception {
        CsvMapping mapping = null;
        if ("csv".equals(format) || (format == null && file.toString().matches(".*\\.csv(\\.xz|\\.gz)?$"))) {
            mapping = new CsvMapping(type, event, eventIf, userId, anonymousId, timestamp, timestampFormat, ZoneId.of(zone), messageId,
                    pairs(properties, "--property"), pairs(traits, "--trait"), groupBy, groupBy == null ? null : linesInto,
                    pairs(lines, "--line"), pairs(sums, "--sum"), identify);
        }
        ImportSummary summary;
        if (url != null) {
            String key = writeKey != null ? writeKey : System.getenv("NUDGE_WRITE_KEY");
            if (key == null) throw new IllegalArgumentException("--url needs a write key: pass --write-key or set NUDGE_WRITE_KEY");
            summary = new Importer(new HttpSink(url, key), System.err).run(file, format, mapping);
        } else {
            try (NudgeRuntime runtime = NudgeRuntime.open(data, segments, InstantSource.system(), 1_000_000)) {
                summary = new Importer(Importer.Sink.into(runtime.writer()), System.err).run(file, format, mapping);
            }
        }
        spec.commandLine().getOut().print(summary.render());
        spec.commandLine().getOut().flush();
        if (summary.rejectedTotal() == 0) return 0;
        spec.commandLine().getErr().printf("nudge: %,d of %,d records were rejected (reasons above) and not imported; the others were stored.%n"
                + "nudge: fix those rows or the column mapping and import again: records already stored count as duplicates.%n",
                summary.rejectedTotal(), summary.read());
        return SOME_REJECTED;
    }

    private static java.util.Map<String, String> pairs(List<String> specs, String option) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String s : specs) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(option + " takes NAME=COLUMN, got \"" + s + "\"");
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return m;
    }
}
