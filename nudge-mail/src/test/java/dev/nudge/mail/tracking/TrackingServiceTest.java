package dev.nudge.mail.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nudge.mail.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrackingServiceTest {
    static final String BASE = "https://t.example.com";
    static final Instant SENT = Instant.parse("2026-03-01T10:00:00Z");
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

    final TokenSigner signer = new TokenSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    final InMemoryMessageStore store = new InMemoryMessageStore();
    final TrackingService service = new TrackingService(signer, store, MachineDetector.defaults());
    final LinkRewriter rewriter = new LinkRewriter(signer, BASE);

    TrackedHtml send(String html) {
        TrackedHtml t = rewriter.rewrite("m1@nudge.test", html, true);
        store.put(new StoredMessage("m1@nudge.test", "k1", "u1", "u1@example.com", "c1", null, null, t.links(), SENT));
        return t;
    }

    static String token(String html, String kind, int n) {
        var m = java.util.regex.Pattern.compile(BASE + "/t/" + kind + "/([^\"]+)\"").matcher(html);
        for (int i = 0; i <= n; i++) if (!m.find()) throw new AssertionError("no token #" + n + " in " + html);
        return m.group(1);
    }

    @Test
    void rewrite_everyHttpLinkButNotMailtoOrOwnPages() {
        TrackedHtml t = send("<html><body><a href=\"https://shop.example.com/a?x=1&amp;y=2\">A</a>"
                + "<a class='b' href='http://b.example/'>B</a><a href=\"mailto:hi@example.com\">mail</a>"
                + "<a href=\"" + BASE + "/u/abc\">unsubscribe</a><a href=\"#top\">top</a></body></html>");
        assertThat(t.links()).containsExactly("https://shop.example.com/a?x=1&y=2", "http://b.example/");
        assertThat(t.html()).contains("class='b' href=\"" + BASE + "/t/c/").contains("mailto:hi@example.com")
                .contains(BASE + "/u/abc").contains("src=\"" + BASE + "/t/o/").doesNotContain("shop.example.com");
        assertThat(t.html().indexOf("/t/o/")).isLessThan(t.html().indexOf("</body>"));
    }

    @Test
    void click_redirectsToStoredDestinationWithHumanEvent() {
        TrackedHtml t = send("<a href=\"https://shop.example.com/a\">A</a><a href=\"https://shop.example.com/b\">B</a>");
        var out = service.click(new Hit(token(t.html(), "c", 1), "GET", CHROME, "203.0.113.9", SENT.plusSeconds(3600)));
        assertThat(out).isInstanceOfSatisfying(TrackingOutcome.Redirect.class, r -> {
            assertThat(r.url()).isEqualTo("https://shop.example.com/b");
            assertThat(r.event().name()).isEqualTo("Email Link Clicked");
            assertThat(r.event().userId()).isEqualTo("u1");
            assertThat(r.event().properties()).containsEntry("message_id", "m1@nudge.test").containsEntry("campaign_id", "c1")
                    .containsEntry("url", "https://shop.example.com/b").containsEntry("machine", false).doesNotContainKey("machine_reason");
            assertThat(r.event().context()).containsEntry("ip", "203.0.113.9");
        });
    }

    @Test
    void click_tamperedTokenRefused_randomizedBitFlips() {
        TrackedHtml t = send("<a href=\"https://shop.example.com/a\">A</a>");
        String good = token(t.html(), "c", 0);
        long seed = System.nanoTime();
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            char[] c = good.toCharArray();
            int pos = rnd.nextInt(c.length);
            char repl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(rnd.nextInt(64));
            if (c[pos] == repl || c[pos] == '.') continue;
            c[pos] = repl;
            var out = service.click(new Hit(new String(c), "GET", CHROME, "1.2.3.4", SENT.plusSeconds(3600)));
            // flipping the last base64 char's unused low bits can decode to the same bytes: only then may it pass
            if (out instanceof TrackingOutcome.Redirect r) {
                assertThat(Base64.getUrlDecoder().decode(new String(c).split("\\.")[1]))
                        .as("seed %d: a changed token was accepted", seed)
                        .isEqualTo(Base64.getUrlDecoder().decode(good.split("\\.")[1]));
                assertThat(r.url()).isEqualTo("https://shop.example.com/a");
            }
        }
    }

    @Test
    void click_forgedTokenForIndexNotInMessageOrOtherKeyRefused() {
        send("<a href=\"https://shop.example.com/a\">A</a>");
        // correctly signed, but index 5 does not exist: refused rather than redirected anywhere
        String outOfRange = TrackingTokens.click(signer, "m1@nudge.test", 5);
        assertThat(service.click(new Hit(outOfRange, "GET", CHROME, "1.2.3.4", SENT))).isInstanceOf(TrackingOutcome.Refused.class);
        // signed with another key (an attacker's)
        TokenSigner attacker = new TokenSigner("attacker-key-attacker-key-attacker-key".getBytes(StandardCharsets.UTF_8));
        assertThat(service.click(new Hit(TrackingTokens.click(attacker, "m1@nudge.test", 0), "GET", CHROME, "1.2.3.4", SENT)))
                .isInstanceOf(TrackingOutcome.Refused.class);
        // an open token is not a click token
        assertThat(service.click(new Hit(TrackingTokens.open(signer, "m1@nudge.test"), "GET", CHROME, "1.2.3.4", SENT)))
                .isInstanceOf(TrackingOutcome.Refused.class);
        // a url smuggled into the token position
        assertThat(service.click(new Hit("https://evil.example/", "GET", CHROME, "1.2.3.4", SENT))).isInstanceOf(TrackingOutcome.Refused.class);
    }

    @Test
    void open_machineRules() {
        TrackedHtml t = send("<html><body>hi</body></html>");
        String tok = token(t.html(), "o", 0);
        assertThat(reason(service.open(new Hit(tok, "GET", "Mozilla/5.0", "17.58.1.1", SENT.plusSeconds(2))))).isEqualTo("apple_mpp");
        assertThat(reason(service.open(new Hit(tok, "GET", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.1.1", SENT.plusSeconds(5)))))
                .isEqualTo("proxy_prefetch");
        assertThat(reason(service.open(new Hit(tok, "GET", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.1.1", SENT.plusSeconds(3600)))))
                .isNull();
        assertThat(reason(service.open(new Hit(tok, "HEAD", CHROME, "1.1.1.1", SENT.plusSeconds(3600))))).isEqualTo("head_request");
        assertThat(reason(service.open(new Hit(tok, "GET", CHROME, "1.1.1.1", SENT.plusSeconds(3600))))).isNull();
    }

    @Test
    void click_scannerRules() {
        TrackedHtml t = send("<a href=\"https://a.example/1\">1</a><a href=\"https://a.example/2\">2</a><a href=\"https://a.example/3\">3</a><a href=\"https://a.example/4\">4</a>");
        assertThat(reason(service.click(new Hit(token(t.html(), "c", 0), "GET", CHROME, "9.9.9.9", SENT.plusSeconds(4))))).isEqualTo("click_within_seconds");
        assertThat(reason(service.click(new Hit(token(t.html(), "c", 0), "GET", "python-requests/2.31", "9.9.9.9", SENT.plusSeconds(600))))).isEqualTo("scanner_user_agent");
        Instant burst = SENT.plusSeconds(7200);
        assertThat(reason(service.click(new Hit(token(t.html(), "c", 1), "GET", CHROME, "8.8.8.8", burst)))).isNull();
        assertThat(reason(service.click(new Hit(token(t.html(), "c", 2), "GET", CHROME, "8.8.8.8", burst.plusMillis(300))))).isNull();
        assertThat(reason(service.click(new Hit(token(t.html(), "c", 3), "GET", CHROME, "8.8.8.8", burst.plusMillis(600))))).isEqualTo("clicked_every_link");
        // a person clicking a second link a minute later is not a burst
        assertThat(reason(service.click(new Hit(token(t.html(), "c", 0), "GET", CHROME, "8.8.8.8", burst.plusSeconds(60))))).isNull();
    }

    private static String reason(TrackingOutcome o) {
        var e = switch (o) {
            case TrackingOutcome.Redirect r -> r.event();
            case TrackingOutcome.Pixel p -> p.event();
            case TrackingOutcome.Refused r -> throw new AssertionError("refused: " + r.reason());
        };
        assertThat(e.properties().get("machine")).isEqualTo(e.properties().containsKey("machine_reason"));
        return (String) e.properties().get("machine_reason");
    }
}
