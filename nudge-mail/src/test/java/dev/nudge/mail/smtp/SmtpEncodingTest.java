package dev.nudge.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.mail.DeliveryResult;
import dev.nudge.mail.MessageKind;
import dev.nudge.mail.OutgoingMessage;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.testing.MailFixture;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mail text in every language, through real SMTP (GreenMail): encoded headers decode back, the text part decodes every entity. */
class SmtpEncodingTest {
    static final String NAME = "Café Ünïcødé ☕";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    final MailFixture f = new MailFixture();
    SmtpTransport smtp;

    SmtpTransport smtp() {
        return smtp = new SmtpTransport(SmtpConfig.plain("127.0.0.1", greenMail.getSmtp().getPort(), 1), f.time);
    }

    @AfterEach
    void close() {
        if (smtp != null) smtp.close();
    }

    private static OutgoingMessage message(String from, String to, String replyTo, String subject) {
        return new OutgoingMessage("abc123@mail.example.com", "k1", MessageKind.TRANSACTIONAL, from, replyTo, to, subject,
                "<p>x</p>", "x", Map.of());
    }

    @Test
    void displayNamesOutsideAscii_inFromToAndReplyTo_arriveDecoded() throws Exception {
        String longName = NAME + " – Ελληνικά, 日本語, русский, עִברִית and a few more words to need folding";
        DeliveryResult r = smtp().send(message(NAME + " <shop@example.com>", "\"" + NAME + "\" <ann@example.org>",
                "\"" + longName + "\" <help@example.com>", "Grüße ☕ " + longName)); // a name with commas is quoted
        assertThat(r).isInstanceOf(DeliveryResult.Accepted.class);

        MimeMessage m = greenMail.getReceivedMessagesForDomain("ann@example.org")[0];
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        InternetAddress to = (InternetAddress) m.getRecipients(MimeMessage.RecipientType.TO)[0];
        InternetAddress replyTo = (InternetAddress) m.getReplyTo()[0];
        assertThat(from.getPersonal()).isEqualTo(NAME);
        assertThat(from.getAddress()).isEqualTo("shop@example.com");
        assertThat(to.getPersonal()).isEqualTo(NAME);
        assertThat(to.getAddress()).isEqualTo("ann@example.org");
        assertThat(replyTo.getPersonal()).isEqualTo(longName);
        assertThat(m.getSubject()).isEqualTo("Grüße ☕ " + longName);

        // on the wire: 7-bit headers, the names as RFC 2047 UTF-8 encoded-words, lines within 78 columns
        String raw = new String(MimeFactory.raw(message(NAME + " <shop@example.com>", NAME + " <ann@example.org>",
                "\"" + longName + "\" <help@example.com>", "s"), Instant.EPOCH), StandardCharsets.ISO_8859_1);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers.chars().allMatch(c -> c < 0x80)).as(headers).isTrue();
        assertThat(headers).contains("From: =?UTF-8?").contains("To: =?UTF-8?").contains("Reply-To: =?UTF-8?");
        for (String line : headers.split("\r\n")) assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
    }

    @Test
    void internationalDomain_goesOutAsPunycode_andANonAsciiLocalPartIsRefusedWithAReason() throws Exception {
        String raw = new String(MimeFactory.raw(message("Shop <shop@bücher.example>", "ann@example.org", null, "s"), Instant.EPOCH),
                StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("From: Shop <shop@xn--bcher-kva.example>");
        assertThatThrownBy(() -> MimeFactory.raw(message("Shop <shop@example.com>", "jörg@example.org", null, "s"), Instant.EPOCH))
                .hasMessageContaining("jörg@example.org").hasMessageContaining("SMTPUTF8");
    }

    @Test
    void textPart_decodesEveryHtmlEntity_andTheFromNameOfTheTemplateArrivesDecoded() throws Exception {
        f.person("ann", "ann@example.org");
        var out = f.sender(smtp(), RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("intl/1", "intl", "ann", f.time.instant()));
        assertThat(out.status()).as(out.detail()).isEqualTo(OutboxStatus.SENT);

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo(NAME);
        assertThat(((InternetAddress) m.getReplyTo()[0]).getPersonal()).isEqualTo("Ünïcødé Hilfe");
        assertThat(m.getSubject()).startsWith("Ünïcødé ☕ für ");
        MimeMultipart mp = (MimeMultipart) m.getContent();
        String text = ((String) mp.getBodyPart(0).getContent()).replace("\r\n", "\n"); // mail lines end in CRLF
        String html = (String) mp.getBodyPart(1).getContent();
        // ZWNJ, euro, ellipsis, no-break space, 😀 (outside the BMP), ampersand; a line of only &nbsp; is a blank line
        assertThat(text).isEqualTo("\u200C€…\u00A0\uD83D\uDE00&\n\ncafé <b> ©2026\n");
        assertThat(html).contains("&zwnj;&euro;&hellip;&nbsp;&#x1F600;&amp;");
    }
}
