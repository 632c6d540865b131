package dev.nudge.mail.smtp;

import dev.nudge.mail.MessageKind;
import dev.nudge.mail.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the RFC 5322 message bytes directly: {@code multipart/alternative} with text/plain first
 * and text/html last (clients show the last part they can render), both UTF-8 quoted-printable; the
 * Message-ID derived from the idempotency key; for marketing mail {@code Precedence: bulk} plus the
 * List-Unsubscribe headers given. Long header values are folded at 78 columns.
 *
 * <p>Why not {@code MimeBodyPart.setText}: that path goes through jakarta.activation's
 * DataHandler/CommandMap on every save and write, which profiling showed to be most of the cost of
 * a send. A message parsed from prebuilt bytes keeps its body as bytes and is written out verbatim.
 * The boundary contains "=_", which quoted-printable output can never contain.
 */
public final class MimeFactory {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private MimeFactory() {
    }

    public static MimeMessage build(Session session, OutgoingMessage m, Instant date) throws MessagingException {
        return new RawMimeMessage(session, m, raw(m, date));
    }

    /**
     * Writes prebuilt bytes. SMTPTransport needs only the From (MAIL FROM) and recipients from the
     * object, then calls {@link #writeTo(OutputStream, String[])}; parsing the bytes back would cost
     * as much as building them.
     */
    static final class RawMimeMessage extends MimeMessage {
        private final byte[] raw;

        RawMimeMessage(Session s, OutgoingMessage m, byte[] raw) throws MessagingException {
            super(s);
            this.raw = raw;
            setFrom(new InternetAddress(m.from(), true));
            setRecipients(RecipientType.TO, InternetAddress.parse(m.to(), true));
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            os.write(raw);
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            os.write(raw);
        }

        @Override
        public void saveChanges() {
            // the bytes are final: nothing to update (and the Message-ID must not change)
        }

        @Override
        public java.io.InputStream getInputStream() {
            return new ByteArrayInputStream(raw);
        }
    }

    public static byte[] raw(OutgoingMessage m, Instant date) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(m.html().length() + m.text().length() + 2048);
        try {
            header(out, "Date", DATE.format(date.atOffset(ZoneOffset.UTC)));
            header(out, "From", InternetAddress.toString(InternetAddress.parse(m.from(), true)));
            header(out, "To", InternetAddress.toString(InternetAddress.parse(m.to(), true)));
            if (m.replyTo() != null && !m.replyTo().isBlank()) header(out, "Reply-To", InternetAddress.toString(InternetAddress.parse(m.replyTo(), true)));
            header(out, "Message-ID", "<" + m.messageId() + ">");
            header(out, "Subject", MimeUtility.encodeText(m.subject(), "UTF-8", null));
            header(out, "MIME-Version", "1.0");
            for (Map.Entry<String, String> h : m.headers().entrySet()) {
                if (!h.getKey().matches("[\\x21-\\x39\\x3B-\\x7E]+")) throw new MessagingException("bad header name '" + h.getKey() + "'");
                if (h.getValue().indexOf('\r') >= 0 || h.getValue().indexOf('\n') >= 0) {
                    throw new MessagingException("header " + h.getKey() + " contains a line break");
                }
                header(out, h.getKey(), h.getValue());
            }
            if (m.kind() == MessageKind.MARKETING && !m.headers().containsKey("Precedence")) header(out, "Precedence", "bulk");
            String boundary = "=_nudge_" + m.messageId().substring(0, m.messageId().indexOf('@'));
            header(out, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
            ascii(out, "\r\n");
            part(out, boundary, "text/plain", m.text());
            if (!m.html().isEmpty()) part(out, boundary, "text/html", m.html());
            ascii(out, "--" + boundary + "--\r\n");
        } catch (IOException e) {
            throw new MessagingException("cannot encode message " + m.messageId(), e);
        }
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String type, String body) throws IOException {
        ascii(out, "--" + boundary + "\r\n");
        ascii(out, "Content-Type: " + type + "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        QuotedPrintable.encode(body.getBytes(StandardCharsets.UTF_8), out);
        ascii(out, "\r\n");
    }

    private static void header(ByteArrayOutputStream out, String name, String value) throws IOException {
        String line = name + ": " + value;
        ascii(out, line.length() <= 76 ? line : MimeUtility.fold(0, line));
        ascii(out, "\r\n");
    }

    private static void ascii(ByteArrayOutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }
}
