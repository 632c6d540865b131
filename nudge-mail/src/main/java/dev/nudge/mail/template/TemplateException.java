package dev.nudge.mail.template;

/**
 * A template that cannot be parsed or rendered, located as {@code name:line:column} (1-based line,
 * counted in the template file including its front matter).
 */
public final class TemplateException extends RuntimeException {
    private final String template;
    private final int line;
    private final int column;

    public TemplateException(String template, int line, int column, String message, Throwable cause) {
        super(template + ":" + line + ":" + column + ": " + message, cause);
        this.template = template;
        this.line = line;
        this.column = column;
    }

    /**
     * A Liqp parse error in {@code file}, whose source starts after {@code lineOffset} lines. Liqp's
     * text repeats the position ("on line 2, index 6") and lists every token the grammar would
     * accept; the position is already in front and a list of forty tokens helps nobody, so both go.
     */
    static TemplateException fromLiquid(String file, int lineOffset, String prefix, liqp.exceptions.LiquidException e) {
        String msg = e.getMessage() == null ? "syntax error" : e.getMessage();
        msg = msg.replaceFirst("\\s+on line \\d+, index \\d+\\s*$", "");
        msg = msg.replaceAll(" expecting \\{[^}]{60,}}", "");
        if (msg.contains("'<EOF>'")) msg += " (a block is not closed: every if, unless, for, case, capture, comment, raw and tablerow needs its end tag)";
        return new TemplateException(file, e.line + lineOffset, e.charPositionInLine + 1, prefix + msg, e);
    }

    public String template() {
        return template;
    }

    /** 1-based line in the template file, or 0 when unknown. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
