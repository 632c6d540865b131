package dev.nudge.core.segment;

import dev.nudge.core.segment.lang.SegmentDefinition;
import dev.nudge.core.segment.lang.SegmentParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The segments Nudge ships (docs/segments.md explains each): YAML files under
 * {@code segments/} on the classpath. They are meant to be edited: {@link #texts()} gives the files
 * so a CLI can write them into a user's segments folder.
 */
public final class DefaultSegments {
    /** File stems under {@code segments/}; resources in a jar cannot be listed portably, so they are named here. */
    public static final List<String> IDS = List.of(
            "engagement-high", "engagement-medium", "engagement-low", "engagement-inactive",
            "engaged-30d", "inactive-90d", "abandoned-checkout-1h", "browse-abandonment",
            "first-time-buyers", "repeat-buyers", "vip", "lapsed-customers", "unfinished-signup");

    private DefaultSegments() {}

    /** File name → YAML text, in {@link #IDS} order. */
    public static Map<String, String> texts() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : IDS) {
            String file = id + ".yaml";
            try (InputStream in = DefaultSegments.class.getResourceAsStream("/segments/" + file)) {
                if (in == null) throw new IllegalStateException("default segment segments/" + file + " is missing from the classpath; rebuild nudge-core");
                out.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static List<SegmentDefinition> definitions() {
        List<SegmentDefinition> defs = new ArrayList<>();
        texts().forEach((file, text) -> defs.add(SegmentParser.parse("segments/" + file, text).orThrow()));
        return defs;
    }

    public static SegmentCatalog catalog() {
        return SegmentCatalog.of(definitions());
    }
}
