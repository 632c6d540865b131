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
            // the envelope (MAIL FROM, RCPT TO) takes the same ASCII forms as the headers (punycode domains)
            setFrom(ascii("From", m.from())[0]);
            setRecipients(RecipientType.TO, ascii("To", m.to()));
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
            header(out, "From", addresses("From", m.from()));
            header(out, "To", addresses("To", m.to()));
            if (m.replyTo() != null && !m.replyTo().isBlank()) header(out, "Reply-To", addresses("Reply-To", m.replyTo()));
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

    /**
     * An address header in 7-bit ASCII: display names outside ASCII become RFC 2047 encoded-words
     * in UTF-8 ({@code "Café" <a@b>} → {@code =?UTF-8?Q?Caf=C3=A9?= <a@b>}), an internationalised
     * domain becomes its punycode form. Why not {@code InternetAddress.toString()} of the parsed
     * value: a parsed address keeps the name exactly as written, so non-ASCII went out raw and
     * became "?" in the ASCII header. A non-ASCII local part would need SMTPUTF8 (RFC 6531), which
     * this transport does not negotiate; it is refused with a message rather than mangled.
     */
    static String addresses(String header, String value) throws MessagingException {
        StringBuilder b = new StringBuilder(value.length() + 32);
        for (InternetAddress a : ascii(header, value)) {
            if (b.length() > 0) b.append(", ");
            b.append(MimeUtility.unfold(a.toString())); // header() folds the whole line once
        }
        return b.toString();
    }

    /** The addresses of {@code value}, each with an ASCII address and its display name set for RFC 2047 encoding. */
    static InternetAddress[] ascii(String header, String value) throws MessagingException {
        InternetAddress[] parsed = InternetAddress.parse(value, true);
        InternetAddress[] out = new InternetAddress[parsed.length];
        for (int i = 0; i < parsed.length; i++) {
            InternetAddress a = parsed[i];
            String addr = a.getAddress();
            int at = addr.lastIndexOf('@');
            String local = at < 0 ? addr : addr.substring(0, at);
            if (!isAscii(local)) {
                throw new MessagingException(header + " address '" + addr + "' has non-ASCII characters before the @, which needs SMTPUTF8; "
                        + "use an ASCII address (the display name may be in any language)");
            }
            if (at >= 0 && !isAscii(addr.substring(at + 1))) {
                try {
                    addr = local + "@" + java.net.IDN.toASCII(addr.substring(at + 1), java.net.IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    throw new MessagingException(header + " address '" + addr + "' has an invalid domain: " + e.getMessage());
                }
            }
            try {
                out[i] = new InternetAddress(addr, a.getPersonal(), "UTF-8");
            } catch (java.io.UnsupportedEncodingException e) {
                throw new MessagingException("UTF-8 unavailable", e);
            }
        }
        return out;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0x7E) return false;
        return true;
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
