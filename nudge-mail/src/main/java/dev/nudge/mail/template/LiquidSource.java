package dev.nudge.mail.template;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import liqp.Template;
import liqp.TemplateParser;

/**
 * One piece of Liquid, parsed, that any number of threads may render at once.
 *
 * <p>Why a pool: a Liqp {@link Template} keeps the context of the render in progress in a field
 * (Liqp 0.9.1), so two threads rendering one instance at the same moment can swap variables — one
 * recipient's message rendered with another's name and unsubscribe link — or fail outright. Each
 * render therefore borrows an instance no other thread holds, and returns it afterwards. The pool
 * grows to the number of concurrent renders (the send workers), each extra instance parsed once
 * from the same source, which already parsed without error at compile time.
 */
final class LiquidSource {
    private final TemplateParser parser;
    private final String source;
    private final Queue<Template> idle = new ConcurrentLinkedQueue<>();

    /** Parses once now, so syntax errors surface at compile time (as Liqp's exceptions). */
    LiquidSource(TemplateParser parser, String source) {
        this.parser = parser;
        this.source = source;
        idle.add(parser.parse(source));
    }

    String render(Map<String, Object> vars) {
        Template t = idle.poll();
        if (t == null) t = parser.parse(source);
        try {
            return t.render(vars);
        } finally {
            idle.offer(t);
        }
    }
}
