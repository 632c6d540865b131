package dev.nudge.core.segment.lang;

import java.util.List;
import java.util.Map;

/**
 * A YAML/JSON value that remembers where it was written, so every issue can name its line and
 * column. Jackson's {@code JsonNode} forgets token locations; this tree keeps them.
 */
public sealed interface Node {
    int line();

    int col();

    /** A mapping; keys keep their own positions so "unknown key" errors point at the key. */
    record MapNode(Map<String, Entry> entries, int line, int col) implements Node {
        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        }
    }

    record Entry(String key, int line, int col, Node value) {}

    record ListNode(List<Node> items, int line, int col) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /** A scalar: String, Long, Double, Boolean or null (a YAML {@code ~} / JSON {@code null}). */
    record Scalar(Object value, int line, int col) implements Node {
        public String text() {
            return value == null ? "null" : value.toString();
        }
    }

    /** Converts to plain Java values (Map, List, String, Number, Boolean, null), dropping positions. */
    static Object plain(Node n) {
        return switch (n) {
            case Scalar s -> s.value();
            case ListNode l -> l.items().stream().map(Node::plain).toList();
            case MapNode m -> {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                m.entries().forEach((k, e) -> out.put(k, plain(e.value())));
                yield out;
            }
        };
    }

    static String describe(Node n) {
        return switch (n) {
            case Scalar s -> s.value() == null ? "null" : "`" + s.text() + "`";
            case ListNode l -> "a list";
            case MapNode m -> "a map";
        };
    }
}
