package dev.nudge.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nudge.mail.outbox.OutboxStatus;
import dev.nudge.mail.outbox.RecoveryPolicy;
import dev.nudge.mail.outbox.SendIntent;
import dev.nudge.mail.outbox.SendOutcome;
import dev.nudge.mail.testing.MailFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Implicit TLS against GreenMail's SMTPS (self-signed certificate) and authentication. */
class SmtpTlsTest {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    final MailFixture f = new MailFixture();

    SmtpConfig tls(boolean skipVerify, String user, String password) {
        return new SmtpConfig("127.0.0.1", greenMail.getSmtps().getPort(), SmtpConfig.Security.TLS, user, password, 1,
                Duration.ofSeconds(5), Duration.ofSeconds(5), null, skipVerify);
    }

    @Test
    void tls_selfSignedCertificateRefusedUnlessExplicitlySkipped() throws Exception {
        f.person("a", "a@example.org");
        SmtpTransport verified = new SmtpTransport(tls(false, null, null), f.time);
        SendOutcome refused = f.sender(verified, RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("k1", "promo", "a", f.time.instant()));
        verified.close();
        assertThat(refused.status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(refused.detail()).contains("cannot connect");
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        SmtpTransport skipping = new SmtpTransport(tls(true, null, null), f.time);
        assertThat(f.sender(skipping, RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("k2", "promo", "a", f.time.instant())).status())
                .isEqualTo(OutboxStatus.SENT);
        skipping.close();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void auth_loginOverTls() throws Exception {
        greenMail.setUser("sender@example.com", "relay-user", "relay-pass");
        f.person("a", "a@example.org");
        SmtpTransport t = new SmtpTransport(tls(true, "relay-user", "relay-pass"), f.time);
        assertThat(f.sender(t, RecoveryPolicy.AT_MOST_ONCE).send(SendIntent.of("k1", "promo", "a", f.time.instant())).status())
                .isEqualTo(OutboxStatus.SENT);
        t.close();
    }
}
