package dev.nudge.server.dashboard;

import dev.nudge.server.mail.MailConfig;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox pages over the mail catcher: a broadcast's messages listed, one opened, its HTML sandboxed. */
class DashboardOutboxTest {
    @TempDir Path dir;
    TestServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void broadcastMessages_areListed_andOneShowsItsHeadersTextAndSandboxedHtml() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("promo.liquid"), """
                ---
                subject: "Hello {{ profile.first_name | default: 'friend' }}"
                from: Shop <shop@example.com>
                ---
                <html><body><p style="color:red">New shoes</p><a href="https://example.com/shoes">Shoes</a>
                <a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>
                """);
        server = new TestServer(dir.resolve("data"), InstantSource.system(), null, true,
                Map.of(MailConfig.TEMPLATES, templates.toString(), MailConfig.BASE_URL, "https://nudge.example.com"));
        server.ingest("/v1/identify", "{\"userId\":\"ada\",\"traits\":{\"email\":\"ada@example.org\",\"first_name\":\"Ada\"}}");
        assertThat(server.adminPost("/api/v1/segments", "id: emailable\nname: Emailable\nwhere:\n  subscribed: email\n").status()).isEqualTo(201);
        await(() -> server.admin("/api/v1/segments/emailable").json().get("size").asInt() == 1);
        assertThat(server.adminPost("/api/v1/broadcasts", "{\"id\":\"b1\",\"template\":\"promo\",\"segment\":\"emailable\"}").status()).isEqualTo(201);
        await(() -> "finished".equals(server.admin("/api/v1/broadcasts/b1").json().get("status").asText()));

        String cookie = login();
        HttpResponse<String> list = get("/outbox", cookie);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("ada@example.org", "Hello Ada");
        Matcher link = Pattern.compile("href=\"(/outbox/[^\"?]+)\"").matcher(list.body());
        assertThat(link.find()).isTrue();

        HttpResponse<String> message = get(link.group(1), cookie);
        assertThat(message.statusCode()).isEqualTo(200);
        assertThat(message.body()).contains("Shop &lt;shop@example.com&gt;", "List-Unsubscribe", "<iframe");
        HttpResponse<String> html = get(link.group(1) + "/html", cookie);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue(OutboxPages.MESSAGE_CSP);
        assertThat(html.body()).contains("New shoes");

        assertThat(get(link.group(1) + "/html", null).statusCode()).as("logged out").isEqualTo(303);
        assertThat(get("/outbox/no-such-message", cookie).statusCode()).isEqualTo(404);
    }

    private String login() throws Exception {
        HttpResponse<String> page = get("/login", null);
        String pre = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("nudge_login=")).findFirst().orElseThrow();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        String body = "csrf=" + csrf.group(1) + "&token=" + URLEncoder.encode(TestServer.ADMIN_TOKEN, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/login")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", pre.substring(0, pre.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString());
        String session = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("nudge_session=")).findFirst().orElseThrow();
        return session.substring(0, session.indexOf(';'));
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out");
    }
}
