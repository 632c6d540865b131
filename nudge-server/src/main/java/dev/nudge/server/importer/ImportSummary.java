package dev.nudge.server.importer;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** What an import did: events accepted, duplicates skipped, and records rejected by reason code. */
public record ImportSummary(long read, long accepted, long duplicates, Map<String, Long> rejected, Duration took) {
    public ImportSummary {
        rejected = Map.copyOf(new TreeMap<>(rejected));
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        double secs = Math.max(took.toMillis(), 1) / 1000.0;
        sb.append(String.format("read       %,d messages in %.1f s (%,.0f/s)%n", read, secs, read / secs));
        sb.append(String.format("accepted   %,d%n", accepted));
        sb.append(String.format("duplicates %,d (messageId already stored)%n", duplicates));
        sb.append(String.format("rejected   %,d%n", rejectedTotal()));
        new TreeMap<>(rejected).forEach((code, n) -> sb.append(String.format("  %-24s %,d%n", code, n)));
        return sb.toString();
    }
}
