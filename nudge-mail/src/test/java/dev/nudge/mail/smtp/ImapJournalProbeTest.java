package dev.nudge.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.testing.MailFixture;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal copy travels in the same SMTP transaction, never in a header, and the IMAP probe finds it by Message-ID. */
class ImapJournalProbeTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});

    final MailFixture f = new MailFixture();
    SmtpTransport smtp;
    ImapJournalProbe probe;

    @BeforeEach
    void setUp() {
        greenMail.setUser("journal@journal.test", "journal", "s3cret");
        smtp = new SmtpTransport(SmtpConfig.plain("127.0.0.1", greenMail.getSmtp().getPort(), 1), f.time, "journal@journal.test");
        probe = new ImapJournalProbe(ImapJournalProbe.Config.parse("imap://journal@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX", "s3cret"));
    }

    @AfterEach
    void close() {
        smtp.close();
    }

    @Test
    void journalCopy_isEnvelopeOnly_andProbeAnswersByMessageId() throws Exception {
        f.person("ann", "ann@example.org");
        var out = f.sender(smtp, RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("broadcast/b/ann", "promo", "ann", f.time.instant()));
        assertThat(out.status()).as(out.detail()).isEqualTo(OutboxStatus.SENT);
        String id = f.outbox.get("broadcast/b/ann").orElseThrow().messageId();

        MimeMessage[] copies = greenMail.getReceivedMessages();
        assertThat(copies).as("the person's copy and the journal's, from one transaction").hasSize(2);
        for (MimeMessage m : copies) {
            assertThat(Arrays.toString(m.getAllRecipients())).isEqualTo("[ann@example.org]");
            assertThat(java.util.Collections.list(m.getAllHeaderLines())).noneMatch(h -> h.contains("journal"));
        }
        assertThat(probe.accepted(id)).contains(true);
        assertThat(probe.accepted("aaaaaaaaaaaaaaaaaaaaaaaaaa@mail.example.com")).contains(false);
    }

    @Test
    void unreachableJournal_isUnknown_notNo() {
        ImapJournalProbe down = new ImapJournalProbe(ImapJournalProbe.Config.parse("imap://journal@127.0.0.1:1/INBOX", "x"));
        assertThat(down.accepted("x@y")).isEmpty();
    }
}
