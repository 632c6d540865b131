package dev.nudge.server.dashboard;

import dev.nudge.server.mail.MailConfig;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The templates and broadcasts pages over plain HTTP: sessions, CSRF, live preview, Liquid errors, the send and its polled progress. */
class DashboardMailPagesTest {
    @TempDir static Path dir;
    static TestServer server;
    static DashboardClient client;

    @BeforeAll
    static void start() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("promo.liquid"), """
                ---
                subject: "Shoes for {{ profile.first_name | default: 'you' }}"
                from: Shop <shop@example.com>
                ---
                <html><body><p style="color:red">Hello {{ profile.first_name | default: 'friend' }}</p>
                <a href="{{ unsubscribe_url }}">Unsubscribe</a></body></html>
                """);
        Files.createDirectories(templates.resolve("partials"));
        Files.writeString(templates.resolve("partials/footer.liquid"), "footer");
        server = new TestServer(dir.resolve("data"), InstantSource.system(), null, true, Map.of(MailConfig.TEMPLATES, templates.toString()));
        client = new DashboardClient(server);
        server.ingest("/v1/identify", "{\"userId\":\"ada\",\"traits\":{\"email\":\"ada@example.org\",\"first_name\":\"Ada\"}}");
        server.ingest("/v1/identify", "{\"userId\":\"bob\",\"traits\":{\"email\":\"bob@example.org\",\"first_name\":\"Bob\"}}");
        assertThat(server.adminPost("/api/v1/segments", "id: emailable\nname: Emailable\nwhere:\n  subscribed: email\n").status()).isEqualTo(201);
        await(() -> server.admin("/api/v1/segments/emailable").json().get("size").asInt() == 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void loggedOut_theNewPagesAndFragmentsRedirectToLogin() throws Exception {
        for (String path : new String[] {"/templates", "/templates/promo", "/templates/preview/some-key", "/broadcasts", "/broadcasts/new",
                "/broadcasts/b1", "/broadcasts/b1/progress", "/overview/rate"}) {
            HttpResponse<String> r = client.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue("/login");
        }
        HttpResponse<String> htmx = client.getHtmx("/broadcasts/b1/progress", null);
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("HX-Redirect")).hasValue("/login");
        assertThat(client.post("/templates/preview", null, Map.of("name", "promo", "source", "x")).statusCode()).isEqualTo(303);
        assertThat(Dashboard.serves("/templates/promo")).isTrue();
        assertThat(Dashboard.serves("/broadcasts/b1/progress")).isTrue();
    }

    @Test
    void templates_listsTheFoldersTemplates_notItsPartials_andSaysItIsPreviewOnly() throws Exception {
        DashboardClient.Login s = client.login();
        HttpResponse<String> r = client.get("/templates", s.cookie());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("href=\"/templates/promo\"", "Preview only").doesNotContain("footer");
        assertThat(r.body()).contains("href=\"/templates\" class=\"active\"");
        assertThat(client.get("/templates/nope", s.cookie()).statusCode()).isEqualTo(404);
    }

    @Test
    void template_rendersForAProfileFoundByEmail_withItsHtmlInASandboxedFrameOfThisSession() throws Exception {
        DashboardClient.Login s = client.login();
        HttpResponse<String> page = client.get("/templates/promo?profile=ada@example.org", s.cookie());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Shoes for Ada", "profile ada (ada@example.org)", "Hello Ada", "<textarea", "sandbox");
        Matcher frame = Pattern.compile("src=\"(/templates/preview/[^\"]+)\"").matcher(page.body());
        assertThat(frame.find()).isTrue();
        HttpResponse<String> html = client.get(frame.group(1), s.cookie());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue(OutboxPages.MESSAGE_CSP);
        assertThat(html.body()).contains("<p style=\"color:red\">Hello Ada</p>", "#preview-unsubscribe");
        assertThat(client.get(frame.group(1), client.login().cookie()).statusCode()).as("another session").isEqualTo(404);
    }

    @Test
    void preview_rendersTheEditedText_needsTheCsrfToken_andShowsLiquidErrorsWithTheirLine() throws Exception {
        DashboardClient.Login s = client.login();
        String edited = "---\nsubject: Edited for {{ profile.first_name }}\n---\n<p>Hi {{ profile.email }}</p>\n";
        assertThat(client.post("/templates/preview", s.cookie(), Map.of("name", "promo", "source", edited, "profile", "bob")).statusCode()).isEqualTo(403);

        Map<String, String> htmx = Map.of("X-CSRF-Token", s.csrf(), "HX-Request", "true");
        HttpResponse<String> ok = client.post("/templates/preview", s.cookie(), Map.of("name", "promo", "source", edited, "profile", "bob"), htmx);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Edited for Bob", "Hi bob@example.org", "profile bob").doesNotContain("<html");

        String broken = "---\nsubject: Hi\n---\n<p>ok</p>\n<p>{% if profile.first_name %}unclosed</p>\n";
        HttpResponse<String> bad = client.post("/templates/preview", s.cookie(), Map.of("name", "promo", "source", broken, "profile", ""), htmx);
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"template-errors\"", "class=\"issue\"", "promo line").doesNotContain("rendered-html");
        Matcher line = Pattern.compile("promo line (\\d+), column (\\d+)").matcher(bad.body());
        assertThat(line.find()).isTrue();
        assertThat(Integer.parseInt(line.group(1))).as("a line of the file, front matter counted").isBetween(5, 6);

        String unknownFilter = "---\nsubject: Hi\n---\n<p>{{ profile.first_name | shout }}</p>\n";
        HttpResponse<String> filter = client.post("/templates/preview", s.cookie(), Map.of("name", "promo", "source", unknownFilter), htmx);
        assertThat(filter.body()).contains("promo line 4", "{{ profile.first_name | shout }}", "^");

        HttpResponse<String> nobody = client.post("/templates/preview", s.cookie(), Map.of("name", "promo", "source", edited, "profile", "who@nowhere.example"), htmx);
        assertThat(nobody.body()).contains("No profile has the id or email", "the sample profile", "Edited for Alex");
    }

    @Test
    void broadcast_isReviewed_thenSentWithTheCsrfToken_andItsProgressFragmentReachesFinished() throws Exception {
        DashboardClient.Login s = client.login();
        HttpResponse<String> form = client.get("/broadcasts/new", s.cookie());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<option value=\"promo\"", "<option value=\"emailable\"", "(2 members)", "<label for=\"template\"", "<label for=\"segment\"");

        Map<String, String> draft = Map.of("template", "promo", "segment", "emailable", "id", "dash-b1", "profile", "ada");
        HttpResponse<String> preview = client.post("/broadcasts/preview", s.cookie(), draft, Map.of("X-CSRF-Token", s.csrf(), "HX-Request", "true"));
        assertThat(preview.body()).contains("Shoes for Ada");

        assertThat(client.post("/broadcasts/review", s.cookie(), draft).statusCode()).as("no CSRF token").isEqualTo(403);
        HttpResponse<String> review = client.post("/broadcasts/review", s.cookie(), with(draft, "csrf", s.csrf()));
        assertThat(review.statusCode()).isEqualTo(200);
        assertThat(review.body()).contains("Send this broadcast?", "id=\"confirm-members\">2<", "Send to 2 members", "Shoes for Ada");
        assertThat(server.admin("/api/v1/broadcasts/dash-b1").status()).as("reviewing sends nothing").isEqualTo(404);

        assertThat(client.post("/broadcasts", s.cookie(), draft).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(client.post("/broadcasts", s.cookie(), with(draft, "csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(server.admin("/api/v1/broadcasts/dash-b1").status()).isEqualTo(404);
        HttpResponse<String> sent = client.post("/broadcasts", s.cookie(), with(draft, "csrf", s.csrf()));
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(sent.headers().firstValue("Location")).hasValue("/broadcasts/dash-b1");
        assertThat(server.admin("/api/v1/broadcasts/dash-b1").json().get("recipients").asInt()).as("the API's own broadcast").isEqualTo(2);

        await(() -> {
            try {
                return client.getHtmx("/broadcasts/dash-b1/progress", s.cookie()).body().contains("id=\"progress-status\">finished<");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        String done = client.getHtmx("/broadcasts/dash-b1/progress", s.cookie()).body();
        assertThat(done).contains("id=\"count-sent\">2<", "id=\"count-queued\">0<", "id=\"count-failed\">0<").doesNotContain("hx-trigger");
        assertThat(client.get("/broadcasts/dash-b1", s.cookie()).body()).contains("Broadcast dash-b1", "id=\"progress\"");
        assertThat(client.get("/broadcasts", s.cookie()).body()).contains("href=\"/broadcasts/dash-b1\"", "finished");

        HttpResponse<String> again = client.post("/broadcasts", s.cookie(), with(draft, "csrf", s.csrf()));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("A broadcast with the id \"dash-b1\" exists");
        HttpResponse<String> noSegment = client.post("/broadcasts/review", s.cookie(), Map.of("csrf", s.csrf(), "template", "promo", "segment", "typo", "id", ""));
        assertThat(noSegment.statusCode()).isEqualTo(400);
        assertThat(noSegment.body()).contains("No segment has the id \"typo\"");
        assertThat(client.get("/broadcasts/nope", s.cookie()).statusCode()).isEqualTo(404);
    }

    private static Map<String, String> with(Map<String, String> m, String k, String v) {
        Map<String, String> out = new java.util.HashMap<>(m);
        out.put(k, v);
        return out;
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (cond.getAsBoolean()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("timed out");
    }
}
