package dev.nudge.mail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A fully composed email, ready for a {@link MailTransport}: rendered, links rewritten, headers set.
 *
 * @param messageId the RFC 5322 Message-ID without angle brackets, derived from the idempotency key
 *                  so a resend after a crash carries the same id (receivers and ESPs can dedupe)
 * @param headers extra headers in order (List-Unsubscribe, List-Unsubscribe-Post, Precedence, ...)
 */
public record OutgoingMessage(
        String messageId,
        String idempotencyKey,
        MessageKind kind,
        String from,
        String replyTo,
        String to,
        String subject,
        String html,
        String text,
        Map<String, String> headers) {

    public OutgoingMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        if (from == null || from.isBlank()) throw new IllegalArgumentException("message " + messageId + " has no From address; set `from` in the template front matter or the mail config");
        if (to == null || to.isBlank()) throw new IllegalArgumentException("message " + messageId + " has no recipient address");
        if (messageId.contains("<") || messageId.contains(">") || !messageId.contains("@")) {
            throw new IllegalArgumentException("messageId must look like local@domain without angle brackets, got '" + messageId + "'");
        }
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
