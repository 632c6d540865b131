package dev.nudge.server.importer;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How CSV rows become Segment messages. Built from the {@code nudge import} options; every column it
 * names is checked against the header before any row is read, so a typo fails at once.
 *
 * <p>With {@code groupBy}, consecutive rows sharing that column's value become ONE message (an order
 * from its invoice lines): {@code lines} fields of each row go into the {@code linesInto} array, and
 * {@code sums} add up a product of two columns over the lines (revenue = Quantity × UnitPrice).
 *
 * @param eventIf    a rule {@code COLUMN^PREFIX=EVENT}: rows whose column starts with PREFIX get that event name instead
 * @param properties property name → column (suffix {@code :number} converts)
 */
public record CsvMapping(String type, String event, String eventIf, String userId, String anonymousId, String timestamp,
                         String timestampFormat, ZoneId zone, String messageId, Map<String, String> properties,
                         Map<String, String> traits, String groupBy, String linesInto, Map<String, String> lines,
                         Map<String, String> sums, boolean identify) {

    /** Checks every referenced column exists; returns the problems (empty when fine). */
    List<String> check(List<String> header) {
        List<String> problems = new ArrayList<>();
        java.util.function.Consumer<String> need = spec -> {
            if (spec == null) return;
            String col = column(spec);
            if (!header.contains(col)) problems.add("column \"" + col + "\" is not in the header " + header);
        };
        need.accept(userId);
        need.accept(anonymousId);
        need.accept(timestamp);
        need.accept(messageId);
        need.accept(groupBy);
        if (eventIf != null) need.accept(eventIf.substring(0, Math.max(0, eventIf.indexOf('^'))));
        properties.values().forEach(need);
        traits.values().forEach(need);
        lines.values().forEach(need);
        for (String expr : sums.values()) for (String c : expr.split("\\*")) need.accept(c.trim());
        if (userId == null && anonymousId == null) problems.add("map a user id column (--user-id COL) or an anonymous id column (--anonymous-id COL)");
        if ("track".equals(type) && event == null) problems.add("a track import needs --event NAME");
        return problems;
    }

    static String column(String spec) {
        int colon = spec.lastIndexOf(':');
        return colon > 0 && spec.substring(colon).matches(":(number|string)") ? spec.substring(0, colon) : spec;
    }

    static Object value(String spec, Map<String, String> row) {
        String raw = row.get(column(spec));
        if (raw == null || raw.isEmpty()) return null;
        if (spec.endsWith(":number")) {
            try {
                return raw.contains(".") || raw.contains("e") || raw.contains("E") ? Double.parseDouble(raw) : Long.parseLong(raw);
            } catch (NumberFormatException e) {
                return raw; // left as text: the message still validates, and the value is kept as given
            }
        }
        return raw;
    }

    String eventFor(Map<String, String> row) {
        if (eventIf != null) {
            int caret = eventIf.indexOf('^'), eq = eventIf.indexOf('=');
            String col = eventIf.substring(0, caret), prefix = eventIf.substring(caret + 1, eq);
            String v = row.get(col);
            if (v != null && v.startsWith(prefix)) return eventIf.substring(eq + 1);
        }
        return event;
    }

    /** The row's timestamp as ISO-8601, or the raw text (which validation then refuses with its reason). */
    String timestampOf(Map<String, String> row) {
        if (timestamp == null) return null;
        String raw = row.get(timestamp);
        if (raw == null || raw.isEmpty() || timestampFormat == null) return raw;
        try {
            return LocalDateTime.parse(raw, DateTimeFormatter.ofPattern(timestampFormat)).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            return raw;
        }
    }
}
