package dev.nudge.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.mail.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SmtpUnitTest {
    @Test
    void bounceClassifier_enhancedCodesAndText() {
        assertThat(BounceClassifier.isHardBounce(550, "550 5.1.1 user unknown")).isTrue();
        assertThat(BounceClassifier.isHardBounce(550, "550 5.1.10 null MX")).isTrue();
        assertThat(BounceClassifier.isHardBounce(552, "552 5.2.2 mailbox full")).isFalse();
        assertThat(BounceClassifier.isHardBounce(550, "550 5.7.1 spam detected")).isFalse();
        assertThat(BounceClassifier.isHardBounce(550, "550 No such user here")).isTrue();
        assertThat(BounceClassifier.isHardBounce(554, "554 transaction failed")).isFalse();
        assertThat(BounceClassifier.isHardBounce(450, "450 4.1.1 user unknown (try later)")).isFalse();
        assertThat(BounceClassifier.enhancedStatus("550-5.1.1 The email account does not exist")).isEqualTo("5.1.1");
    }

    @Test
    void tokenBucket_burstThenSteadyRate() throws Exception {
        FakeTime t = new FakeTime(Instant.parse("2026-03-02T09:00:00Z"));
        TokenBucket b = new TokenBucket(10, 3, t, t);
        for (int i = 0; i < 7; i++) b.acquire();
        // 3 at once (burst), then one every 100 ms
        assertThat(t.sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(100));
        t.advance(Duration.ofSeconds(10)); // idle refills the burst, no more
        t.sleeps.clear();
        for (int i = 0; i < 4; i++) b.acquire();
        assertThat(t.sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void tokenBucket_sustainedRateOverManyAcquires() throws Exception {
        FakeTime t = new FakeTime(Instant.parse("2026-03-02T09:00:00Z"));
        TokenBucket b = new TokenBucket(250, 1, t, t);
        Instant start = t.instant();
        for (int i = 0; i < 1001; i++) b.acquire();
        assertThat(Duration.between(start, t.instant())).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void config_toStringHidesPassword() {
        var c = new SmtpConfig("smtp.example.com", 587, SmtpConfig.Security.STARTTLS, "user", "hunter2", 4, null, null, null, false);
        assertThat(c.toString()).doesNotContain("hunter2").contains("***");
    }
}
