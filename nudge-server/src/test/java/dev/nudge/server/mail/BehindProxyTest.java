package dev.nudge.server.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.mail.unsubscribe.ConsentLogEntry;
import dev.nudge.server.net.ClientAddress;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a reverse proxy the client address comes from the forwarding header, and only then: the
 * consent log and the machine-open rules see the address the trusted proxy reported, while the same
 * header from an untrusted peer changes nothing. The test client is the "proxy" (it connects from
 * 127.0.0.1, which one server trusts and the other does not).
 */
class BehindProxyTest {
    @TempDir Path dir;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestServer server(Path data, String trustedProxies) throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("hi.liquid"), """
                ---
                subject: Hi
                from: Shop <shop@example.com>
                ---
                <html><body><p>Hi</p><a href="https://example.com/">Shop</a></body></html>
                """);
        Map<String, String> env = new HashMap<>(Map.of(MailConfig.TEMPLATES, templates.toString(), MailConfig.BASE_URL, "https://nudge.test"));
        if (trustedProxies != null) env.put(ClientAddress.TRUSTED_PROXIES, trustedProxies);
        TestServer s = new TestServer(data, InstantSource.system(), null, true, env);
        assertThat(s.ingest("/v1/identify", "{\"userId\":\"p1\",\"traits\":{\"email\":\"p1@example.org\"}}").status()).isEqualTo(200);
        return s;
    }

    private int post(TestServer s, String path, String form, String xff) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.url() + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-For", xff).POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The unsubscribe path of a real message to p1 (its token names only the stored message). */
    private static String unsubscribePath(TestServer s) throws Exception {
        Matcher m = Pattern.compile("https://nudge\\.test(/u/[^\"?#>\\\\]+)").matcher(mailToP1(s));
        assertThat(m.find()).as("the message has an unsubscribe link").isTrue();
        return m.group(1);
    }

    /** Broadcasts the template to everyone (p1) and returns the HTML and headers the catcher received. */
    private static String mailToP1(TestServer s) throws Exception {
        assertThat(s.adminPost("/api/v1/segments", "id: everyone\nname: Everyone\nwhere:\n  subscribed: email\n").status()).isEqualTo(201);
        for (int i = 0; i < 100 && s.admin("/api/v1/segments/everyone").json().get("size").asInt() < 1; i++) Thread.sleep(50);
        assertThat(s.adminPost("/api/v1/broadcasts", "{\"id\":\"bp\",\"template\":\"hi\",\"segment\":\"everyone\"}").status()).isEqualTo(201);
        JsonNode caught = null;
        for (int i = 0; i < 200 && caught == null; i++) {
            JsonNode data = s.admin("/api/v1/outbox").json().get("data");
            if (!data.isEmpty()) caught = data.get(0);
            else Thread.sleep(50);
        }
        assertThat(caught).as("the broadcast reached the catcher").isNotNull();
        return caught.get("html").asText() + "\n" + caught.get("headers").toString();
    }

    @Test
    void consentLog_recordsTheForwardedClient_whenThePeerIsATrustedProxy() throws Exception {
        try (TestServer s = server(dir.resolve("a"), "127.0.0.1/32, 10.0.0.0/8")) {
            // client 198.51.100.23 → edge proxy 10.1.1.1 → us (through 127.0.0.1)
            assertThat(post(s, unsubscribePath(s), "List-Unsubscribe=One-Click", "198.51.100.23, 10.1.1.1")).isEqualTo(200);
            List<ConsentLogEntry> log = s.server().mail().consent.history("p1");
            assertThat(log).extracting(ConsentLogEntry::ip).containsExactly("198.51.100.23");
        }
    }

    @Test
    void spoofedForwardingHeader_fromAnUntrustedPeer_isIgnored() throws Exception {
        try (TestServer s = server(dir.resolve("b"), null)) {
            assertThat(post(s, unsubscribePath(s), "List-Unsubscribe=One-Click", "198.51.100.23")).isEqualTo(200);
            assertThat(s.server().mail().consent.history("p1")).extracting(ConsentLogEntry::ip).containsExactly("127.0.0.1");
        }
    }

    @Test
    void machineOpenRules_seeTheForwardedClient() throws Exception {
        try (TestServer s = server(dir.resolve("c"), "127.0.0.1")) {
            String html = mailToP1(s);
            Matcher m = Pattern.compile("https://nudge\\.test(/t/o/[^\"]+)\"").matcher(html);
            assertThat(m.find()).isTrue();
            // a desktop browser's user agent, but the open comes from Apple's proxy range (17.0.0.0/8): Mail Privacy Protection
            HttpRequest open = HttpRequest.newBuilder(URI.create(s.url() + m.group(1))).header("X-Forwarded-For", "17.58.63.1")
                    .header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15")
                    .GET().build();
            assertThat(http.send(open, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            JsonNode opened = null;
            for (int i = 0; i < 200 && opened == null; i++) {
                for (JsonNode e : s.admin("/api/v1/profiles/p1/events").json().get("data")) {
                    if ("Email Opened".equals(e.path("event").asText())) opened = e;
                }
                if (opened == null) Thread.sleep(50);
            }
            assertThat(opened).as("the open was ingested").isNotNull();
            assertThat(opened.at("/context/ip").asText()).isEqualTo("17.58.63.1");
            assertThat(opened.at("/properties/machine_reason").asText()).isEqualTo("apple_mpp");
        }
    }
}
