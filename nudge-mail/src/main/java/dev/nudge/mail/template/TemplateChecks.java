package dev.nudge.mail.template;

import dev.nudge.core.segment.lang.Spelling;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import liqp.Template;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import liqp.org.antlr.v4.runtime.ParserRuleContext;
import liqp.org.antlr.v4.runtime.tree.ParseTree;
import liquid.parser.v4.LiquidParser;

/**
 * Checks a parsed template for what Liqp would only find while rendering, so a broken template is
 * refused when it is compiled (preview, broadcast create, send) with its file and line, not halfway
 * through a broadcast:
 *
 * <ul>
 *   <li>every filter is one the engine has (Liqp looks filters up per render);</li>
 *   <li>every {@code {% include 'name' %}} with a literal name has {@code partials/name}, and that
 *       partial parses and passes these checks too (its errors name {@code partials/name}).</li>
 * </ul>
 *
 * <p>An include whose name is computed ({@code include product.kind}) can only fail at render;
 * that error still names the including file and the include's line ({@link #includeLine}).
 */
final class TemplateChecks {
    private final TemplateParser parser;
    private final Function<String, Optional<String>> partials;

    /** @param partials a partial's source by name ({@code footer} → {@code partials/footer}), desugared */
    TemplateChecks(TemplateParser parser, Function<String, Optional<String>> partials) {
        this.parser = parser;
        this.partials = partials;
    }

    /**
     * @param file the name errors report
     * @param lineOffset lines of the file before this source (front matter)
     * @param checked partials already checked in this compile (each is checked once; stops include cycles)
     */
    void check(Template parsed, String file, int lineOffset, Set<String> checked) {
        walk(parsed.getParseTree(), file, lineOffset, checked);
    }

    private void walk(ParseTree node, String file, int lineOffset, Set<String> checked) {
        if (node instanceof LiquidParser.FilterContext f && f.Id() != null) {
            String name = f.Id().getText();
            if (parser.filters.get(name) == null) {
                throw new TemplateException(file, f.Id().getSymbol().getLine() + lineOffset, f.Id().getSymbol().getCharPositionInLine() + 1,
                        "unknown filter '" + name + "'" + suggestion(name) + "; docs/email.md lists the filters", null);
            }
        }
        if (node instanceof LiquidParser.Include_tagContext inc && inc.liquid != null && !inc.expr().isEmpty()) {
            literal(inc.expr(0)).ifPresent(name -> checkPartial(name, inc, file, lineOffset, checked));
        }
        for (int i = 0; i < node.getChildCount(); i++) walk(node.getChild(i), file, lineOffset, checked);
    }

    private void checkPartial(String name, ParserRuleContext at, String file, int lineOffset, Set<String> checked) {
        String src = partials.apply(name).orElseThrow(() -> new TemplateException(file, at.start.getLine() + lineOffset,
                at.start.getCharPositionInLine() + 1, "partial '" + name + "' not found: add partials/" + name
                + ".liquid (or .html) to the templates folder, or fix the name", null));
        if (!checked.add(name)) return;
        Template parsed;
        try {
            parsed = parser.parse(src);
        } catch (LiquidException e) {
            throw TemplateException.fromLiquid("partials/" + name, 0, "", e);
        }
        check(parsed, "partials/" + name, 0, checked);
    }

    /**
     * The line of the include of partial {@code name} in {@code source} (a literal include of that
     * name, else the first computed include), or 1: where a render-time include failure points.
     */
    static int includeLine(TemplateParser parser, String source, String name) {
        try {
            int[] found = {0, 0}; // literal match, first computed include
            find(parser.parse(source).getParseTree(), name, found);
            return found[0] > 0 ? found[0] : found[1] > 0 ? found[1] : 1;
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static void find(ParseTree node, String name, int[] found) {
        if (node instanceof LiquidParser.Include_tagContext inc && inc.liquid != null && !inc.expr().isEmpty()) {
            Optional<String> lit = literal(inc.expr(0));
            if (lit.isPresent() && lit.get().equals(name) && found[0] == 0) found[0] = inc.start.getLine();
            if (lit.isEmpty() && found[1] == 0) found[1] = inc.start.getLine();
        }
        for (int i = 0; i < node.getChildCount(); i++) find(node.getChild(i), name, found);
    }

    private static Optional<String> literal(ParseTree expr) {
        String t = expr.getText();
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)
                && t.indexOf(t.charAt(0), 1) == t.length() - 1) {
            return Optional.of(t.substring(1, t.length() - 1));
        }
        return Optional.empty();
    }

    /** " (did you mean 'upcase'?)" for a name at most two edits from a known filter, else "". */
    private String suggestion(String name) {
        return parser.filters.values().stream().map(f -> f.name).filter(n -> Spelling.distance(n, name) <= 2)
                .min(Comparator.comparingInt((String n) -> Spelling.distance(n, name)).thenComparing(n -> n))
                .map(n -> " (did you mean '" + n + "'?)").orElse("");
    }
}
