package dev.nudge.server.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --log-format text|json}. {@code text} is the pattern of {@code logback.xml}; {@code json}
 * swaps the encoder of every output appender on the root logger for logback's own
 * {@link JsonEncoder} (one JSON object a line: timestamp, level, threadName, loggerName,
 * formattedMessage, mdc, kvpList, throwable), so log shippers need no parsing rules and there is no
 * second configuration file to keep in step. Chosen once at start; switching back restores the
 * encoders it replaced.
 */
public enum LogFormat {
    TEXT, JSON;

    /** Encoders replaced by JSON, to put back on TEXT; guarded by the class. */
    private static final Map<OutputStreamAppender<ILoggingEvent>, Encoder<ILoggingEvent>> replaced = new IdentityHashMap<>();

    public static LogFormat parse(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("--log-format must be text or json, got '" + s + "'");
        };
    }

    public void apply() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return; // another SLF4J backend: its own config rules
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        synchronized (LogFormat.class) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out) swap(ctx, out);
            }
        }
    }

    private void swap(LoggerContext ctx, OutputStreamAppender<ILoggingEvent> out) {
        Encoder<ILoggingEvent> next;
        if (this == JSON) {
            if (out.getEncoder() instanceof JsonEncoder) return;
            JsonEncoder json = new JsonEncoder();
            json.setContext(ctx);
            json.setWithContext(false);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            replaced.put(out, out.getEncoder());
            next = json;
        } else {
            next = replaced.remove(out);
            if (next == null) return;
        }
        // not stopped and restarted: stopping closes the stream of a plain OutputStreamAppender. The
        // swap happens at start, before the server's threads log; neither encoder writes a header.
        out.setEncoder(next);
    }
}
