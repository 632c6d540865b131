package dev.nudge.mail.template;

import dev.nudge.mail.MessageKind;

/**
 * A parsed template: front matter fields and body as compiled Liquid, plus its layout chain.
 * Immutable and safe to render from many threads at once ({@link LiquidSource}); compile once, render many times.
 */
public record CompiledTemplate(String name, Field subject, Field preheader, Field from, Field replyTo,
                               LiquidSource body, int bodyLineOffset, CompiledTemplate layout, String topic, MessageKind kind) {

    /**
     * A front-matter value: plain text is kept as is, only values with Liquid markup are compiled
     * (rendering even a constant through Liquid costs a variable conversion per message).
     */
    public record Field(String literal, LiquidSource template) {
    }
}
