package dev.nudge.server.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads an import file as a stream of Segment messages (Maps, exactly as the HTTP API would
 * receive them). A line that cannot even be read as a message is reported to {@code unreadable}
 * with a reason code, and reading goes on.
 */
final class RecordReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordReader() {}

    static void ndjson(InputStream in, Consumer<Map<String, Object>> out, Consumer<String> unreadable) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) continue;
            try {
                Object v = MAPPER.readValue(line, Object.class);
                if (v instanceof Map<?, ?> m) out.accept(cast(m)); else unreadable.accept("not_an_object");
            } catch (IOException e) {
                unreadable.accept("malformed_json");
            }
        }
    }

    /** A Segment batch file: {"batch": [...]} (top-level context applies to messages without one). */
    static void batchFile(InputStream in, Consumer<Map<String, Object>> out, Consumer<String> unreadable) throws IOException {
        try (JsonParser p = MAPPER.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("a batch file must be a JSON object like {\"batch\": [...]}");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("batch".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        Object v = MAPPER.readValue(p, Object.class);
                        if (v instanceof Map<?, ?> m) out.accept(cast(m)); else unreadable.accept("not_an_object");
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    static void csv(InputStream in, CsvMapping mapping, String sourceName, Consumer<Map<String, Object>> out) throws IOException {
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<String> problems = mapping.check(parser.getHeaderNames());
        if (!problems.isEmpty()) throw new IllegalArgumentException("the column mapping does not fit " + sourceName + ": " + String.join("; ", problems));
        Set<String> identified = new HashSet<>();
        List<Map<String, String>> group = new ArrayList<>();
        String groupKey = null;
        long rowNumber = 0, groupStart = 0;
        for (CSVRecord rec : parser) {
            rowNumber++;
            Map<String, String> row = rec.toMap();
            if (mapping.groupBy() == null) {
                emit(mapping, sourceName, "row" + rowNumber, List.of(row), identified, out);
                continue;
            }
            String key = row.get(mapping.groupBy());
            if (groupKey != null && !groupKey.equals(key)) {
                emit(mapping, sourceName, groupKey + "@" + groupStart, group, identified, out);
                group = new ArrayList<>();
            }
            if (group.isEmpty()) groupStart = rowNumber;
            groupKey = key;
            group.add(row);
        }
        if (!group.isEmpty()) emit(mapping, sourceName, groupKey + "@" + groupStart, group, identified, out);
    }

    private static void emit(CsvMapping m, String source, String key, List<Map<String, String>> rows, Set<String> identified,
                             Consumer<Map<String, Object>> out) {
        Map<String, String> first = rows.get(0);
        Object userId = m.userId() == null ? null : CsvMapping.value(m.userId(), first);
        Object anonymousId = m.anonymousId() == null ? null : CsvMapping.value(m.anonymousId(), first);
        String timestamp = m.timestampOf(first);
        if (m.identify() && userId != null && identified.add(String.valueOf(userId))) {
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("type", "identify");
            id.put("userId", userId);
            if (anonymousId != null) id.put("anonymousId", anonymousId);
            id.put("traits", fields(m.traits(), first));
            if (timestamp != null) id.put("timestamp", timestamp);
            id.put("messageId", "import-" + digest(source + "|identify|" + userId));
            out.accept(id);
        }
        if ("identify".equals(m.type())) {
            if (m.identify()) return; // already emitted above
        }
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("type", m.type());
        if (userId != null) msg.put("userId", userId);
        if (anonymousId != null) msg.put("anonymousId", anonymousId);
        String event = m.eventFor(first);
        if ("track".equals(m.type())) msg.put("event", event);
        if (timestamp != null) msg.put("timestamp", timestamp);
        Map<String, Object> props = fields(m.properties(), first);
        if (m.linesInto() != null) {
            List<Map<String, Object>> lines = new ArrayList<>();
            for (Map<String, String> r : rows) lines.add(fields(m.lines(), r));
            props.put(m.linesInto(), lines);
        }
        m.sums().forEach((name, expr) -> props.put(name, Math.round(sum(expr, rows) * 100.0) / 100.0));
        if ("identify".equals(m.type())) msg.put("traits", fields(m.traits(), first)); else msg.put("properties", props);
        Object mid = m.messageId() == null ? null : CsvMapping.value(m.messageId(), first);
        msg.put("messageId", mid != null ? String.valueOf(mid) : "import-" + digest(source + "|" + m.type() + "|" + event + "|" + key));
        out.accept(msg);
    }

    private static Map<String, Object> fields(Map<String, String> spec, Map<String, String> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        spec.forEach((name, col) -> {
            Object v = CsvMapping.value(col, row);
            if (v != null) out.put(name, v);
        });
        return out;
    }

    private static double sum(String expr, List<Map<String, String>> rows) {
        String[] factors = expr.split("\\*");
        double total = 0;
        for (Map<String, String> r : rows) {
            double prod = 1;
            for (String f : factors) {
                try {
                    prod *= Double.parseDouble(r.getOrDefault(f.trim(), "0"));
                } catch (NumberFormatException e) {
                    prod = 0;
                }
            }
            total += prod;
        }
        return total;
    }

    private static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
