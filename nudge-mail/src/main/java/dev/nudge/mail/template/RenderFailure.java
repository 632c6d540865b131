package dev.nudge.mail.template;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;

/**
 * Turns an exception thrown while rendering into a {@link TemplateException} that names the file
 * and line at fault, so the API can answer 400 with a location rather than 500 or "line 0".
 *
 * <p>Where the location comes from: a {@link LiquidException} carries its line; a filter that
 * throws is wrapped by Liqp's FilterNode as "error on line L, index C: …" (its position in the
 * source being rendered — Liqp 0.9.1 keeps no other record of it, so the message is read; the
 * preview tests pin this format); an error inside a partial passes a
 * {@link LiquidTags.PartialFailure}, which switches the file to {@code partials/NAME}; a partial
 * that is not found points at the include's line in the file that includes it. What carries no
 * position at all (the iteration or output-size limit) is reported at the first line of the body,
 * and the message says that the line is not known.
 */
final class RenderFailure {
    private static final Pattern FILTER_AT = Pattern.compile("^error on line (\\d+), index (\\d+): ", Pattern.DOTALL);
    private static final Pattern FILTER_NAME = Pattern.compile("\\|\\s*([A-Za-z_]\\w*)");

    private RenderFailure() {
    }

    /**
     * @param rendered the Liquid that was being rendered (a body, a layout's body or a front-matter value)
     * @param partials a partial's desugared source by name, to read a partial's failing line
     */
    static TemplateException locate(LiquidSource rendered, RuntimeException e, TemplateParser parser,
                                    Function<String, Optional<String>> partials) {
        String file = rendered.file();
        int offset = rendered.lineOffset();
        String source = rendered.source();
        String fileSource = source;
        String includer = file;
        int includerOffset = offset;
        String includerSource = source;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof LiquidTags.PartialNotFound missing) {
                int line = TemplateChecks.includeLine(parser, includerSource, missing.name) + includerOffset;
                return new TemplateException(includer, line, 1, missing.getMessage(), e);
            }
            if (t instanceof LiquidTags.PartialFailure pf) {
                includer = file;
                includerOffset = offset;
                includerSource = fileSource;
                file = "partials/" + pf.name;
                offset = 0;
                fileSource = partials.apply(pf.name).orElse("");
                continue;
            }
            if (t instanceof LiquidException le) {
                return TemplateException.fromLiquid(file, offset, "", le);
            }
            Matcher m = t.getMessage() == null ? null : FILTER_AT.matcher(t.getMessage());
            if (m != null && m.find()) {
                int line = Integer.parseInt(m.group(1));
                int index = Integer.parseInt(m.group(2));
                String filter = filterAt(fileSource, line, index).map(f -> "filter '" + f + "' failed: ").orElse("");
                return new TemplateException(file, line + offset, index + 1, filter + describe(root(t)), e);
            }
            if (t instanceof LiquidTags.TooDeep deep) { // thrown by an include inside `file`
                int line = TemplateChecks.includeLine(parser, fileSource, deep.name) + offset;
                return new TemplateException(file, line, 1, deep.getMessage(), e);
            }
        }
        return new TemplateException(file, offset + 1, 1, "render failed (line not known): " + describe(root(e)), e);
    }

    /** The filter whose {@code |} is at (line, index) of the source, read from the text. */
    private static Optional<String> filterAt(String source, int line, int index) {
        String[] lines = source.split("\n", -1);
        if (line < 1 || line > lines.length || index < 0 || index >= lines[line - 1].length()) return Optional.empty();
        Matcher m = FILTER_NAME.matcher(lines[line - 1]);
        return m.find(index) && m.start() == index ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Throwable root(Throwable e) {
        Throwable r = e;
        Set<Throwable> seen = new HashSet<>();
        while (r.getCause() != null && seen.add(r)) r = r.getCause();
        return r;
    }

    private static String describe(Throwable root) {
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (root instanceof NumberFormatException) return "needs a number (" + msg + ")";
        if (root instanceof ArithmeticException) return "arithmetic error: " + msg + " (check divided_by / modulo arguments)";
        return msg;
    }
}
