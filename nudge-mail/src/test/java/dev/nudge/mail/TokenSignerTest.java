package dev.nudge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSignerTest {
    static final byte[] OLD = "old-secret-old-secret-old-secret-1".getBytes(StandardCharsets.UTF_8);
    static final byte[] NEW = "new-secret-new-secret-new-secret-2".getBytes(StandardCharsets.UTF_8);

    @Test
    void verify_roundTripsFieldsAndSeparatesPurposes() {
        TokenSigner s = new TokenSigner(NEW);
        String t = s.sign("click", "m@x", "3", "");
        assertThat(s.verify("click", t)).contains(List.of("m@x", "3", ""));
        assertThat(s.verify("open", t)).isEmpty();
        assertThat(s.verify("click", t + "A")).isEmpty();
        assertThat(s.verify("click", "no-dot")).isEmpty();
        assertThat(s.verify("click", null)).isEmpty();
    }

    @Test
    void rotation_oldTokensKeepWorkingNewOnesUseNewKey() {
        String oldToken = new TokenSigner(OLD).sign("unsub", "ann");
        TokenSigner rotated = new TokenSigner(NEW, List.of(OLD));
        assertThat(rotated.verify("unsub", oldToken)).contains(List.of("ann"));
        assertThat(new TokenSigner(OLD).verify("unsub", rotated.sign("unsub", "ann"))).isEmpty();
        assertThat(new TokenSigner(NEW).verify("unsub", oldToken)).isEmpty();
        assertThat(rotated.verifyShortMac("m", "abc", new TokenSigner(OLD).shortMac("m", "abc"))).isTrue();
    }

    @Test
    void shortKey_refusedWithAdvice() {
        assertThatThrownBy(() -> new TokenSigner("short".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("openssl rand");
    }

    @Test
    void messageIds_stableLowercaseAndShort() {
        String a = MessageIds.fromIdempotencyKey("flow/x/1/2", "Mail.Example.com");
        assertThat(a).isEqualTo(MessageIds.fromIdempotencyKey("flow/x/1/2", "mail.example.com")).matches("[a-z2-7]{26}@mail\\.example\\.com");
        assertThat(a).isNotEqualTo(MessageIds.fromIdempotencyKey("flow/x/1/3", "mail.example.com"));
        assertThatThrownBy(() -> MessageIds.fromIdempotencyKey("k", "bad domain>")).hasMessageContaining("host name");
    }
}
