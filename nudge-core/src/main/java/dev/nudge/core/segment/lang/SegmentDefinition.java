package dev.nudge.core.segment.lang;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed, checked segment file: {@code {id, name, description?, where}} (DESIGN.md §6).
 *
 * @param source where it came from (a file name or "api"), for error messages
 * @param text the original text, kept so later checks (catalog cycles) can show the line
 */
public record SegmentDefinition(String id, String name, String description, Condition where, String source, String text) {
    /** Ids are used in URLs and file names: letters, digits, '-', '_' and '.', starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    public SegmentDefinition {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) throw new IllegalArgumentException("bad segment id `" + id + "`: use letters, digits, '-', '_' or '.'");
        Objects.requireNonNull(where, "where");
        name = name == null ? id : name;
        source = source == null ? id : source;
        text = text == null ? "" : text;
    }
}
