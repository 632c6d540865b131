package dev.nudge.server.mail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.support.TestServer;
import dev.nudge.server.support.TestServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail feature end to end through a real server on the built-in mail catcher: a broadcast to a
 * {@code subscribed: email} segment, tracked links and pixel, one-click unsubscribe feeding back into
 * the segment, the suppression API and template preview errors.
 */
class MailServerTest {
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
                subject: "Hello {{ profile.first_name | default: 'friend' }}"
                from: Shop <shop@example.com>
                ---
                <html><body><p>New shoes</p><a href="https://example.com/shoes">Shoes</a>
                <a href="https://example.com/bags?x=1">Bags</a>
                <a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>
                """);
        server = new TestServer(dir.resolve("data"), InstantSource.system(), null, true,
                Map.of(MailConfig.TEMPLATES, templates.toString(), MailConfig.BASE_URL, BASE));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void identify(String user, String email) {
        Response r = server.ingest("/v1/identify", "{\"userId\":\"" + user + "\",\"traits\":{\"email\":\"" + email + "\",\"first_name\":\"" + user + "\"}}");
        assertThat(r.status()).as("%s", r.json()).isEqualTo(200);
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private HttpResponse<byte[]> raw(String method, String pathAndQuery, String formBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery));
        if (formBody != null) b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(formBody));
        else b.method(method, HttpRequest.BodyPublishers.noBody());
        b.header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private List<JsonNode> outbox() {
        List<JsonNode> out = new ArrayList<>();
        server.admin("/api/v1/outbox?limit=1000").json().get("data").forEach(out::add);
        return out;
    }

    private static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertThat(m.find()).as("%s in %s", p, s).isTrue();
        return m.group(1);
    }

    @Test
    void broadcastToSegment_tracksClicksAndOpens_andOneClickUnsubscribeLeavesTheSegment() throws Exception {
        for (int i = 0; i < 5; i++) identify("u" + i, "u" + i + "@example.org");
        assertThat(server.adminPost("/api/v1/segments", "id: emailable\nname: Emailable\nwhere:\n  subscribed: email\n").status()).isEqualTo(201);
        await("segment backfill", () -> server.admin("/api/v1/segments/emailable").json().get("size").asInt() == 5);

        Response created = server.adminPost("/api/v1/broadcasts", "{\"id\":\"b1\",\"template\":\"promo\",\"segment\":\"emailable\"}");
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
        assertThat(created.json().get("recipients").asInt()).isEqualTo(5);
        await("broadcast to finish", () -> "finished".equals(server.admin("/api/v1/broadcasts/b1").json().get("status").asText()));
        JsonNode b = server.admin("/api/v1/broadcasts/b1").json();
        assertThat(b.get("sent").asInt()).isEqualTo(5);

        List<JsonNode> caught = outbox();
        assertThat(caught).extracting(m -> m.get("to").asText()).containsExactlyInAnyOrder(
                "u0@example.org", "u1@example.org", "u2@example.org", "u3@example.org", "u4@example.org");
        JsonNode toU1 = caught.stream().filter(m -> m.get("to").asText().equals("u1@example.org")).findFirst().orElseThrow();
        assertThat(toU1.get("subject").asText()).isEqualTo("Hello u1");
        assertThat(toU1.get("headers").get("List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
        String html = toU1.get("html").asText();
        assertThat(html).doesNotContain("https://example.com/shoes").contains(BASE + "/t/c/").contains(BASE + "/t/o/");

        // click: 302 to the stored destination; a tampered token is a 404 page, never a redirect
        String click = first(Pattern.compile(Pattern.quote(BASE) + "(/t/c/[^\"]+)\""), html);
        HttpResponse<byte[]> redirect = raw("GET", click, null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).contains("https://example.com/shoes");
        String tampered = click.substring(0, click.length() - 2) + (click.endsWith("A") ? "BB" : "AA");
        HttpResponse<byte[]> refused = raw("GET", tampered, null);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Location")).isEmpty();

        // open pixel: always a GIF, even for a bad token
        String open = first(Pattern.compile(Pattern.quote(BASE) + "(/t/o/[^\"]+)\""), html);
        for (String path : List.of(open, open + "x")) {
            HttpResponse<byte[]> gif = raw("GET", path, null);
            assertThat(gif.statusCode()).isEqualTo(200);
            assertThat(gif.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("image/gif"));
            assertThat(new String(gif.body(), 0, 6)).isEqualTo("GIF89a");
        }
        await("click and open events ingested", () -> {
            String events = server.admin("/api/v1/profiles/u1/events").json().toString();
            return events.contains("Email Link Clicked") && events.contains("Email Opened");
        });

        // one-click unsubscribe (RFC 8058) from u1's List-Unsubscribe header: no login, no confirmation
        String unsub = first(Pattern.compile("<" + Pattern.quote(BASE) + "(/u/[^>]+)>"), toU1.get("headers").get("List-Unsubscribe").asText());
        assertThat(raw("POST", unsub, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(200);
        JsonNode sup = server.admin("/api/v1/suppressions?email=U1@example.org").json().get("data");
        assertThat(sup).hasSize(1);
        assertThat(sup.get(0).get("reason").asText()).isEqualTo("unsubscribed");
        assertThat(server.admin("/api/v1/profiles/u1").json().toString()).contains("\"consent\":{\"email\":\"unsubscribed\"");
        await("u1 leaves the segment", () -> server.admin("/api/v1/segments/emailable").json().get("size").asInt() == 4);
        assertThat(raw("GET", unsub, null).statusCode()).isEqualTo(200);
        assertThat(raw("POST", unsub.substring(0, unsub.length() - 3) + "abc", "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);

        // the preference page's resubscribe brings u1 back
        assertThat(raw("POST", unsub, "action=resubscribe").statusCode()).isEqualTo(200);
        assertThat(server.admin("/api/v1/suppressions?email=u1@example.org").json().get("data")).isEmpty();
        await("u1 back in the segment", () -> server.admin("/api/v1/segments/emailable").json().get("size").asInt() == 5);

        // per-send status by idempotency key
        JsonNode st = server.admin("/api/v1/outbox/status?key=broadcast/b1/u1").json();
        assertThat(st.get("status").asText()).isEqualTo("sent");
    }

    @Test
    void suppressionApi_addListRemoveImport_andABroadcastSkipsSuppressedAddresses() throws Exception {
        assertThat(server.adminPost("/api/v1/suppressions", "{\"email\":\"Bad@Example.org\",\"reason\":\"hard_bounce\"}").status()).isEqualTo(201);
        assertThat(server.adminPost("/api/v1/suppressions", "{\"email\":\"not-an-address\"}").status()).isEqualTo(400);
        Response imp = server.post("/api/v1/suppressions/import", "email,reason\na@example.org,manual\nnope,manual\nc@example.org,complained\n",
                "Bearer " + TestServer.ADMIN_TOKEN);
        assertThat(imp.json().get("imported").asInt()).isEqualTo(2);
        assertThat(imp.json().get("errors").toString()).contains("line 3");
        JsonNode p1 = server.admin("/api/v1/suppressions?limit=2").json();
        assertThat(p1.get("data")).extracting(n -> n.get("email").asText()).containsExactly("a@example.org", "bad@example.org");
        JsonNode p2 = server.admin("/api/v1/suppressions?limit=2&cursor=" + p1.get("next_cursor").asText()).json();
        assertThat(p2.get("data")).extracting(n -> n.get("email").asText()).containsExactly("c@example.org");
        assertThat(server.delete("/api/v1/suppressions?email=c@example.org").status()).isEqualTo(200);
        assertThat(server.delete("/api/v1/suppressions?email=c@example.org").status()).isEqualTo(404);

        identify("ok", "ok@example.org");
        identify("bad", "bad@example.org");
        assertThat(server.adminPost("/api/v1/segments", "id: all-mail\nname: All\nwhere:\n  subscribed: email\n").status()).isEqualTo(201);
        await("segment", () -> server.admin("/api/v1/segments/all-mail").json().get("size").asInt() == 2);
        assertThat(server.adminPost("/api/v1/broadcasts", "{\"id\":\"b2\",\"template\":\"promo\",\"segment\":\"all-mail\"}").status()).isEqualTo(201);
        await("broadcast", () -> "finished".equals(server.admin("/api/v1/broadcasts/b2").json().get("status").asText()));
        JsonNode b = server.admin("/api/v1/broadcasts/b2").json();
        assertThat(b.get("sent").asInt()).isEqualTo(1);
        assertThat(b.get("suppressed").asInt()).isEqualTo(1);
        assertThat(outbox()).extracting(m -> m.get("to").asText()).containsExactly("ok@example.org");
    }

    @Test
    void preview_rendersSampleData_andReportsTemplateErrorsWithTheirLine() {
        Response ok = server.adminPost("/api/v1/templates/preview", "{\"template\":\"promo\"}");
        assertThat(ok.status()).as("%s", ok.json()).isEqualTo(200);
        assertThat(ok.json().get("subject").asText()).startsWith("Hello ");
        assertThat(ok.json().get("text").asText()).contains("Shoes");
        Response bad = server.adminPost("/api/v1/templates/preview", "{\"source\":\"---\\nsubject: x\\n---\\n<p>ok</p>\\n<p>{% if %}</p>\\n\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("line").asInt()).as("%s", bad.json()).isEqualTo(5);
        Response missing = server.adminPost("/api/v1/broadcasts", "{\"template\":\"promo\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(server.get("/api/v1/outbox", null).status()).as("admin token required").isEqualTo(401);
    }
}
