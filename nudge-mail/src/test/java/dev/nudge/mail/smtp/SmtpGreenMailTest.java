package dev.nudge.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.Sender;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.testing.MailFixture;
import dev.nudge.mail.tracking.Hit;
import dev.nudge.mail.tracking.MachineDetector;
import dev.nudge.mail.tracking.TrackingOutcome;
import dev.nudge.mail.tracking.TrackingService;
import dev.nudge.mail.unsubscribe.ConsentResult;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real SMTP (GreenMail) end to end: MIME structure, headers, rewritten links, text part, pooling. */
class SmtpGreenMailTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    final MailFixture f = new MailFixture();
    SmtpTransport smtp;

    Sender sender() {
        smtp = new SmtpTransport(SmtpConfig.plain("127.0.0.1", greenMail.getSmtp().getPort(), 2), f.time);
        return f.sender(smtp, RecoveryPolicy.AT_MOST_ONCE);
    }

    @AfterEach
    void close() {
        if (smtp != null) smtp.close();
    }

    @Test
    void marketing_mimeHeadersLinksAndTextPart() throws Exception {
        f.person("ann", "ann@example.org");
        var out = sender().send(SendIntent.of("flow/welcome/run1/step1", "promo", "ann", f.time.instant()));
        assertThat(out.status()).as(out.detail()).isEqualTo(OutboxStatus.SENT);

        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        String messageId = f.outbox.get("flow/welcome/run1/step1").orElseThrow().messageId();
        assertThat(m.getMessageID()).isEqualTo("<" + messageId + ">");
        assertThat(messageId).matches("[a-z2-7]{26}@mail\\.example\\.com");
        assertThat(m.getSubject()).isEqualTo("Spring sale, Pann");
        assertThat(m.getHeader("Precedence", null)).isEqualTo("bulk");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String lu = jakarta.mail.internet.MimeUtility.unfold(m.getHeader("List-Unsubscribe", null));
        assertThat(lu).matches("<https://nudge\\.example\\.com/u/[^>]+>, <mailto:unsubscribe\\+[^@]+@mail\\.example\\.com\\?subject=unsubscribe>");

        assertThat(m.getContentType()).startsWith("multipart/alternative");
        MimeMultipart mp = (MimeMultipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        assertThat(mp.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
        assertThat(mp.getBodyPart(1).getContentType()).startsWith("text/html");
        String text = (String) mp.getBodyPart(0).getContent();
        String html = (String) mp.getBodyPart(1).getContent();

        // every shop link rewritten; the unsubscribe link left as is; pixel added
        assertThat(html).doesNotContain("shop.example.com").contains("https://nudge.example.com/t/o/");
        Matcher clicks = Pattern.compile("href=\"(https://nudge\\.example\\.com/t/c/([^\"]+))\"").matcher(html);
        assertThat(clicks.find()).isTrue();
        String firstClick = clicks.group(1);
        String firstToken = clicks.group(2);
        assertThat(clicks.find()).isTrue();
        assertThat(text).contains("the sale (" + firstClick + ")").contains("Hello Pann").doesNotContain("<p>");

        // the click resolves to the original destination from the stored message
        TrackingService tracking = new TrackingService(f.signer, f.messages, MachineDetector.defaults());
        TrackingOutcome o = tracking.click(new Hit(firstToken, "GET", "Mozilla/5.0 (X11; Linux) Firefox/125.0", "203.0.113.1", f.time.instant().plusSeconds(600)));
        assertThat(o).isInstanceOfSatisfying(TrackingOutcome.Redirect.class, r -> assertThat(r.url()).isEqualTo("https://shop.example.com/sale?x=1&y=2"));

        // the one-click URL in the header unsubscribes this person, and the next marketing send is suppressed
        String token = lu.substring(lu.indexOf("/u/") + 3, lu.indexOf('>'));
        assertThat(f.unsubscribe.oneClick(token, "203.0.113.1", f.time.instant())).isInstanceOf(ConsentResult.Applied.class);
        assertThat(sender().send(SendIntent.of("flow/welcome/run1/step2", "promo", "ann", f.time.instant())).status()).isEqualTo(OutboxStatus.SUPPRESSED);
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void transactional_hasNoUnsubscribeHeadersAndIgnoresUnsubscribe() throws Exception {
        f.person("bob", "bob@example.org");
        f.suppressions.put(new dev.nudge.mail.suppression.Suppression("bob@example.org",
                dev.nudge.mail.suppression.SuppressionReason.UNSUBSCRIBED, "test", null, f.time.instant()));
        assertThat(sender().send(SendIntent.of("receipt/o1", "receipt", "bob", f.time.instant())).status()).isEqualTo(OutboxStatus.SENT);
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getHeader("List-Unsubscribe")).isNull();
        assertThat(m.getHeader("Precedence")).isNull();
    }

    @Test
    void sameKeyTwice_sendsOnce_andConnectionsAreReused() throws Exception {
        Sender s = sender();
        for (int i = 0; i < 20; i++) f.person("p" + i, "p" + i + "@example.org");
        for (int i = 0; i < 20; i++) s.send(SendIntent.of("k" + i, "promo", "p" + i, f.time.instant()));
        for (int i = 0; i < 20; i++) {
            var again = s.send(SendIntent.of("k" + i, "promo", "p" + i, f.time.instant()));
            assertThat(again.alreadyDone()).isTrue();
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(20);
        assertThat(smtp.connectionsOpened()).isLessThanOrEqualTo(2);
    }
}
