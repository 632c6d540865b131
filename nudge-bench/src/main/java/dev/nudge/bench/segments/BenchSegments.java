package dev.nudge.bench.segments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 20 benchmark segments, read from {@code bench-segments/} on the class path in the order of its
 * {@code index.txt}, plus the table definition the SQL runs against ({@code _schema.sql}).
 */
public final class BenchSegments {

    private static final String DIR = "bench-segments/";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private BenchSegments() {
    }

    public static List<BenchSegment> all() {
        List<BenchSegment> out = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String id = line.strip();
            if (id.isEmpty()) continue;
            String yaml = resource(id + ".yaml");
            JsonNode tree;
            try {
                tree = YAML.readTree(yaml);
            } catch (IOException e) {
                throw new IllegalStateException(DIR + id + ".yaml is not valid YAML: " + e.getMessage(), e);
            }
            if (!id.equals(tree.path("id").asText()) || !tree.has("where")) {
                throw new IllegalStateException(DIR + id + ".yaml must have id: " + id + " and a where: condition");
            }
            out.add(new BenchSegment(id, tree.path("name").asText(id), yaml, resource(id + ".sql")));
        }
        return List.copyOf(out);
    }

    /** {@code CREATE TABLE events (...)}, valid on DuckDB and PostgreSQL. */
    public static String schemaSql() {
        return resource("_schema.sql");
    }

    private static String resource(String name) {
        try (InputStream in = BenchSegments.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException(DIR + name + " is missing from the class path; rebuild nudge-bench");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
