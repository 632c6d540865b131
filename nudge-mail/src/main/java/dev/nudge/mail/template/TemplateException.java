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
