package dev.nudge.mail.template;

/** The output of rendering: every front-matter field rendered, the HTML and its generated text part. */
public record RenderedEmail(String subject, String preheader, String from, String replyTo, String html, String text) {
}
