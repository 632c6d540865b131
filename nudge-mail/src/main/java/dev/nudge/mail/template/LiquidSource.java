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
    private final String file;
    private final int lineOffset;
    private final Queue<Template> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param parsed {@code source} parsed by {@code parser} (at compile time, so syntax errors surfaced there)
     * @param file the template file the source comes from, for errors
     * @param lineOffset lines of {@code file} before the source's first line (front matter), for errors
     */
    LiquidSource(TemplateParser parser, String source, Template parsed, String file, int lineOffset) {
        this.parser = parser;
        this.source = source;
        this.file = file;
        this.lineOffset = lineOffset;
        idle.add(parsed);
    }

    String file() {
        return file;
    }

    int lineOffset() {
        return lineOffset;
    }

    /** The Liquid text as parsed (after {@link LiquidSyntax#desugar}); render errors are located in it. */
    String source() {
        return source;
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
