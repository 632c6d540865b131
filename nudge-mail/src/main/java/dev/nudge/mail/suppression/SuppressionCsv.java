package dev.nudge.mail.suppression;

import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports manual suppressions from CSV with a header row. Columns: {@code email} (required),
 * {@code reason} (optional: unsubscribed, hard_bounce, complained, manual — default manual),
 * {@code note} (optional). Every bad row is reported with its line; good rows are imported.
 */
public final class SuppressionCsv {
    /** What an import did. {@code errors} are "line N: message" strings. */
    public record Result(int imported, List<String> errors) {
    }

    private SuppressionCsv() {
    }

    public static Result importInto(SuppressionStore store, Reader csv, String source, Instant at) throws IOException {
        CSVFormat fmt = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setIgnoreHeaderCase(true).get();
        int imported = 0;
        List<String> errors = new ArrayList<>();
        try (var parser = fmt.parse(csv)) {
            Map<String, Integer> header = parser.getHeaderMap();
            if (header == null || header.keySet().stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).equals("email"))) {
                throw new IllegalArgumentException("the CSV needs a header row with an 'email' column (optional: reason, note)");
            }
            for (CSVRecord r : parser) {
                long line = parser.getCurrentLineNumber();
                try {
                    String reason = r.isMapped("reason") ? r.get("reason") : "";
                    String note = r.isMapped("note") ? r.get("note") : "";
                    store.put(new Suppression(r.get("email"), SuppressionReason.parse(reason), source, note, at));
                    imported++;
                } catch (IllegalArgumentException e) {
                    errors.add("line " + line + ": " + e.getMessage());
                }
            }
        }
        return new Result(imported, List.copyOf(errors));
    }
}
