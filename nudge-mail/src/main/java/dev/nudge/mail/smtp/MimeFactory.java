package dev.nudge.mail.smtp;

import dev.nudge.mail.MessageKind;
import dev.nudge.mail.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Builds the MIME message: {@code multipart/alternative} with text/plain first and text/html last
 * (clients show the last part they can render), UTF-8 quoted-printable, the Message-ID fixed to the
 * one derived from the idempotency key (jakarta.mail would otherwise generate a fresh one on save),
 * and for marketing mail {@code Precedence: bulk} plus the List-Unsubscribe headers given.
 */
public final class MimeFactory {
    private MimeFactory() {
    }

    public static MimeMessage build(Session session, OutgoingMessage m, Instant date) throws MessagingException {
        MimeMessage msg = new FixedIdMimeMessage(session, "<" + m.messageId() + ">");
        msg.setFrom(new InternetAddress(m.from(), true));
        msg.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(m.to(), true));
        if (m.replyTo() != null && !m.replyTo().isBlank()) msg.setReplyTo(InternetAddress.parse(m.replyTo(), true));
        msg.setSubject(m.subject(), StandardCharsets.UTF_8.name());
        msg.setSentDate(Date.from(date));
        for (Map.Entry<String, String> h : m.headers().entrySet()) {
            if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                throw new MessagingException("header " + h.getKey() + " contains a line break");
            }
            msg.setHeader(h.getKey(), h.getValue());
        }
        if (m.kind() == MessageKind.MARKETING && !m.headers().containsKey("Precedence")) msg.setHeader("Precedence", "bulk");
        MimeMultipart alt = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(m.text(), StandardCharsets.UTF_8.name(), "plain");
        text.setHeader("Content-Transfer-Encoding", "quoted-printable");
        alt.addBodyPart(text);
        if (m.html() != null && !m.html().isEmpty()) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(m.html(), StandardCharsets.UTF_8.name(), "html");
            html.setHeader("Content-Transfer-Encoding", "quoted-printable");
            alt.addBodyPart(html);
        }
        msg.setContent(alt);
        msg.saveChanges();
        return msg;
    }

    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String id;

        FixedIdMimeMessage(Session s, String id) {
            super(s);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
