package dev.nudge.mail.template;

import dev.nudge.mail.MessageKind;
import liqp.Template;

/**
 * A parsed template: front matter fields and body as compiled Liquid, plus its layout chain.
 * Immutable and thread-safe; compile once, render many times.
 */
public record CompiledTemplate(String name, Template subject, Template preheader, Template from, Template replyTo,
                               Template body, int bodyLineOffset, CompiledTemplate layout, String topic, MessageKind kind) {
}
