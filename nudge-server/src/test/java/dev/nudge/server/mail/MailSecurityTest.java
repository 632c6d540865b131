package dev.nudge.server.mail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public mail endpoints against misuse and repetition, through a real server: unsubscribe
 * tokens are opaque and a repeated one-click POST records nothing new; a HEAD on the open pixel is
 * a machine open; a broadcast to a segment that does not exist is refused; the preference page
 * names the sender once; an http base URL is warned about at start.
 */
class MailSecurityTest {
    static final String BASE = "https://nudge.test";
    @TempDir
    Path dir;
    TestServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("promo.liquid"), """
                ---
                subject: "Hello {{ profile.first_name }}"
                ---
                <html><body><p>New shoes</p><a href="https://example.com/shoes">Shoes</a>
                <a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>
                """);
        server = new TestServer(dir.resolve("data"), InstantSource.system(), null, true, Map.of(MailConfig.TEMPLATES, templates.toString(),
                MailConfig.BASE_URL, BASE, MailConfig.FROM, "Shop <shop@example.com>"));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private HttpResponse<String> raw(String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15");
        if (form != null) b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        else b.method(method, HttpRequest.BodyPublishers.noBody());
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends promo to one person through a broadcast and returns the message the catcher holds. */
    private JsonNode sendTo(String user) throws Exception {
        assertThat(server.ingest("/v1/identify", "{\"userId\":\"" + user + "\",\"traits\":{\"email\":\"" + user + "@example.org\",\"first_name\":\"Ann\"}}").status())
                .isEqualTo(200);
        assertThat(server.adminPost("/api/v1/segments", "id: emailable\nname: Emailable\nwhere:\n  subscribed: email\n").status()).isEqualTo(201);
        await("segment backfill", () -> server.admin("/api/v1/segments/emailable").json().get("size").asInt() == 1);
        assertThat(server.adminPost("/api/v1/broadcasts", "{\"id\":\"b1\",\"template\":\"promo\",\"segment\":\"emailable\"}").status()).isEqualTo(201);
        await("broadcast", () -> "finished".equals(server.admin("/api/v1/broadcasts/b1").json().get("status").asText()));
        return server.admin("/api/v1/outbox").json().get("data").get(0);
    }

    private static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertThat(m.find()).as("%s in %s", p, s).isTrue();
        return m.group(1);
    }

    private int count(String user, String event) {
        String events = server.admin("/api/v1/profiles/" + user + "/events?limit=1000").json().toString();
        return events.split(Pattern.quote("\"" + event + "\""), -1).length - 1;
    }

    @Test
    void oneClickUnsubscribe_tokenIsOpaque_andARepeatedPostAnswers200AndRecordsNothingNew() throws Exception {
        JsonNode message = sendTo("ann");
        String unsub = first(Pattern.compile("<" + Pattern.quote(BASE) + "(/u/[^>]+)>"), message.get("headers").get("List-Unsubscribe").asText());
        String token = unsub.substring("/u/".length());
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        assertThat(payload).as("the token names the message, not the person").doesNotContain("ann@example.org").doesNotContain("example.org")
                .doesNotContain("ann");
        assertThat(message.get("html").asText()).contains(BASE + unsub);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = raw("POST", unsub, "List-Unsubscribe=One-Click");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("unsubscribed");
        }
        assertThat(count("ann", "Unsubscribed")).as("one Unsubscribed event for three POSTs").isEqualTo(1);
        JsonNode sup = server.admin("/api/v1/suppressions?email=ann@example.org").json().get("data");
        assertThat(sup).hasSize(1);
        // the preference form's unsubscribe is also idempotent, and its resubscribe still works
        assertThat(raw("POST", unsub, "action=unsubscribe").statusCode()).isEqualTo(200);
        assertThat(count("ann", "Unsubscribed")).isEqualTo(1);
        assertThat(raw("POST", unsub, "action=resubscribe").statusCode()).isEqualTo(200);
        assertThat(count("ann", "Resubscribed")).isEqualTo(1);
        assertThat(server.admin("/api/v1/suppressions?email=ann@example.org").json().get("data")).isEmpty();
        assertThat(raw("POST", unsub, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        assertThat(count("ann", "Unsubscribed")).as("unsubscribing again after a resubscribe is a change").isEqualTo(2);
    }

    @Test
    void preferencePage_headingNamesTheSenderOnce() throws Exception {
        JsonNode message = sendTo("ann");
        String unsub = first(Pattern.compile("<" + Pattern.quote(BASE) + "(/u/[^>]+)>"), message.get("headers").get("List-Unsubscribe").asText());
        HttpResponse<String> page = raw("GET", unsub, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Shop email preferences</h1>").doesNotContainIgnoringCase("email email").contains("ann@example.org");
    }

    @Test
    void headOnTheOpenPixel_isRecordedAsAMachineOpen() throws Exception {
        JsonNode message = sendTo("ann");
        String open = first(Pattern.compile(Pattern.quote(BASE) + "(/t/o/[^\"]+)\""), message.get("html").asText());
        HttpResponse<String> head = raw("HEAD", open, null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("image/gif"));
        await("the HEAD recorded as a machine open", () -> {
            String events = server.admin("/api/v1/profiles/ann/events").json().toString();
            return events.contains("Email Opened") && events.contains("head_request");
        });
        String events = server.admin("/api/v1/profiles/ann/events").json().toString();
        assertThat(events).contains("\"machine\":true");
    }

    @Test
    void broadcastToAnUnknownSegment_is400NamingTheSegmentAndHowToListThem() {
        Response r = server.adminPost("/api/v1/broadcasts", "{\"id\":\"b-typo\",\"template\":\"promo\",\"segment\":\"emailabel\"}");
        assertThat(r.status()).as("%s", r.json()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("\"emailabel\"").contains("GET /api/v1/segments");
        assertThat(r.json().get("field").asText()).isEqualTo("segment");
        assertThat(server.admin("/api/v1/broadcasts/b-typo").status()).as("nothing created").isEqualTo(404);
    }

    @Test
    void start_withoutAnHttpsBaseUrl_warnsThatOneClickUnsubscribeNeedsHttps() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(MailModule.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            server.close();
            server = new TestServer(dir.resolve("data2"), InstantSource.system(), null, false, Map.of()); // no --base-url
            List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(warnings).anySatisfy(w -> assertThat(w).contains("--base-url is not set").contains("http://127.0.0.1:")
                    .contains("RFC 8058").contains("--base-url https://"));
            server.close();
            logs.list.clear();
            server = new TestServer(dir.resolve("data3"), InstantSource.system(), null, false, Map.of(MailConfig.BASE_URL, BASE));
            assertThat(logs.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("RFC 8058"));
        } finally {
            logger.detachAppender(logs);
        }
    }
}
