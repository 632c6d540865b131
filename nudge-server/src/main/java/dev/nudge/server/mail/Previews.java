package dev.nudge.server.mail;

import dev.nudge.mail.template.RenderedEmail;
import dev.nudge.mail.template.TemplateException;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON views of a template preview and of a template error (with file, line and column). */
final class Previews {
    private Previews() {}

    static Map<String, Object> view(RenderedEmail r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", r.subject());
        m.put("preheader", r.preheader());
        m.put("from", r.from());
        m.put("reply_to", r.replyTo());
        m.put("html", r.html());
        m.put("text", r.text());
        return m;
    }

    static Map<String, Object> error(TemplateException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", e.getMessage());
        m.put("field", "template");
        m.put("template", e.template());
        m.put("line", e.line());
        m.put("column", e.column());
        return m;
    }
}
