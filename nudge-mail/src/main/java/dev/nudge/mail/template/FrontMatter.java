package dev.nudge.mail.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Iterator;
import java.util.Set;

/**
 * The YAML block between {@code ---} lines at the top of a template file.
 *
 * @param bodyLineOffset lines before the body starts, so body error lines map back to file lines
 * @param source the whole file, to find the line of a key ({@link #keyLine})
 */
public record FrontMatter(String subject, String preheader, String from, String replyTo, String layout,
                          String topic, String kind, String body, int bodyLineOffset, String source) {

    static final Set<String> KEYS = Set.of("subject", "preheader", "from", "reply_to", "layout", "topic", "kind");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static FrontMatter parse(String name, String source) {
        String src = source.replace("\r\n", "\n");
        if (!src.startsWith("---\n")) return new FrontMatter(null, null, null, null, null, null, null, src, 0, src);
        int end = src.indexOf("\n---", 3);
        if (end < 0) throw new TemplateException(name, 1, 1, "front matter opened with '---' is never closed; add a line '---' after the last key", null);
        String yaml = src.substring(4, end + 1);
        int afterClose = src.indexOf('\n', end + 4);
        String body = afterClose < 0 ? "" : src.substring(afterClose + 1);
        int offset = (int) src.substring(0, afterClose < 0 ? src.length() : afterClose + 1).chars().filter(c -> c == '\n').count();
        JsonNode n;
        try {
            n = yaml.isBlank() ? YAML.createObjectNode() : YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr() + 1;
            throw new TemplateException(name, line, 1, "front matter is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (!n.isObject()) throw new TemplateException(name, 2, 1, "front matter must be `key: value` lines", null);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new TemplateException(name, lineOf(src, k), 1, "unknown front matter key '" + k + "'; allowed: " + KEYS, null);
            }
        }
        String kind = text(n, "kind");
        if (kind != null && !kind.equals("marketing") && !kind.equals("transactional")) {
            throw new TemplateException(name, lineOf(src, "kind"), 1, "kind must be marketing or transactional, got '" + kind + "'", null);
        }
        return new FrontMatter(text(n, "subject"), text(n, "preheader"), text(n, "from"), text(n, "reply_to"),
                text(n, "layout"), text(n, "topic"), kind, body, offset, src);
    }

    /** The 1-based file line where front-matter key {@code key} is written (1 when not found). */
    int keyLine(String key) {
        return lineOf(source, key);
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int lineOf(String src, String key) {
        String[] lines = src.split("\n", -1);
        for (int i = 0; i < lines.length; i++) if (lines[i].startsWith(key + ":")) return i + 1;
        return 1;
    }
}
