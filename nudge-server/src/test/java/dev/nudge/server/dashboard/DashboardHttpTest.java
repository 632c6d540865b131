package dev.nudge.server.dashboard;

import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's login, session cookie, CSRF and headers over plain HTTP (no browser). */
class DashboardHttpTest {
    @TempDir static Path dir;
    static TestServer server;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = new TestServer(dir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String setCookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }

    static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    record Login(String cookie, String csrf) {}

    static Login login() throws Exception {
        HttpResponse<String> page = get("/login", null);
        String pre = "nudge_login=" + value(setCookie(page, "nudge_login"));
        HttpResponse<String> r = post("/login", pre, Map.of("csrf", field(page.body(), "csrf"), "token", TestServer.ADMIN_TOKEN));
        assertThat(r.statusCode()).isEqualTo(303);
        String cookie = "nudge_session=" + value(setCookie(r, "nudge_session"));
        HttpResponse<String> segments = get("/segments", cookie);
        assertThat(segments.statusCode()).isEqualTo(200);
        return new Login(cookie, field(segments.body(), "csrf"));
    }

    @Test
    void loggedOut_pagesRedirectToLogin() throws Exception {
        for (String path : new String[] {"/", "/segments", "/segments/new", "/profiles", "/profiles/someone"}) {
            HttpResponse<String> r = get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue("/login");
        }
        assertThat(get("/segments", "nudge_session=made-up").statusCode()).isEqualTo(303);
    }

    @Test
    void login_setsAnHttpOnlyStrictSessionCookie_andPagesCarryTheCsp() throws Exception {
        HttpResponse<String> page = get("/login", null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CSP);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self';", "frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).doesNotContain("<script>", "style=\"", "onclick");

        String pre = "nudge_login=" + value(setCookie(page, "nudge_login"));
        HttpResponse<String> r = post("/login", pre, Map.of("csrf", field(page.body(), "csrf"), "token", TestServer.ADMIN_TOKEN));
        String session = setCookie(r, "nudge_session");
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
        assertThat(session).doesNotContain("Secure"); // plain http here; https adds it
        assertThat(value(session)).hasSize(43); // 32 random bytes, base64url
        HttpResponse<String> segments = get("/segments", "nudge_session=" + value(session));
        assertThat(segments.headers().firstValue("Content-Security-Policy")).hasValue(Dashboard.CSP);
        assertThat(segments.body()).contains("abandoned-checkout"); // a shipped default segment
    }

    @Test
    void wrongToken_isRefused_withTheSameAnswerForAWriteKey() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String token : new String[] {"wrong", TestServer.WRITE_KEY}) {
            HttpResponse<String> page = get("/login", null);
            HttpResponse<String> r = post("/login", "nudge_login=" + value(setCookie(page, "nudge_login")), Map.of("csrf", field(page.body(), "csrf"), "token", token));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(setCookie(r, "nudge_session")).isNull();
            assertThat(r.body()).contains("not a valid admin token").doesNotContain(token.equals("wrong") ? "wrong\"" : TestServer.WRITE_KEY);
            bodies.put(token, r.body().replaceAll("value=\"[^\"]*\"", ""));
        }
        assertThat(bodies.get("wrong")).isEqualTo(bodies.get(TestServer.WRITE_KEY));
    }

    @Test
    void posts_withoutTheCsrfToken_areRefused() throws Exception {
        HttpResponse<String> page = get("/login", null);
        assertThat(post("/login", "nudge_login=" + value(setCookie(page, "nudge_login")), Map.of("token", TestServer.ADMIN_TOKEN)).statusCode()).isEqualTo(403);
        assertThat(post("/login", null, Map.of("csrf", field(page.body(), "csrf"), "token", TestServer.ADMIN_TOKEN)).statusCode()).isEqualTo(403);

        Login s = login();
        String text = "id: csrf-test\nname: x\nwhere:\n  event: Product Viewed\n";
        assertThat(post("/segments", s.cookie(), Map.of("definition", text)).statusCode()).isEqualTo(403);
        assertThat(post("/segments", s.cookie(), Map.of("definition", text, "csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(post("/logout", s.cookie(), Map.of()).statusCode()).isEqualTo(403);
        assertThat(server.admin("/api/v1/segments/csrf-test").status()).isEqualTo(404);
        assertThat(post("/segments", s.cookie(), Map.of("definition", text, "csrf", s.csrf())).statusCode()).isEqualTo(303);
        assertThat(server.admin("/api/v1/segments/csrf-test").status()).isEqualTo(200);
    }

    @Test
    void check_showsTheValidatorsIssues_withLineColumnAndCaret() throws Exception {
        Login s = login();
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.url() + "/segments/check"))
                .POST(HttpRequest.BodyPublishers.ofString("definition=" + URLEncoder.encode("id: bad\nname: x\nwhere:\n  event: Product Viewed\n  within: 7x\n", StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).header("HX-Request", "true").build();
        HttpResponse<String> out = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.body()).contains("class=\"issue\"", "line 5", "within: 7x", "^");
    }

    @Test
    void profile_exportsAsADownload_andErasesOnlyWhenTheIdIsTypedBack() throws Exception {
        assertThat(server.ingest("/v1/track", "{\"userId\":\"eve\",\"event\":\"Product Viewed\",\"properties\":{}}").status()).isEqualTo(200);
        Login s = login();
        HttpResponse<String> page = get("/profiles/eve", s.cookie());
        assertThat(page.body()).contains("track Product Viewed", "id=\"erase-form\"");
        HttpResponse<String> export = get("/profiles/eve/export", s.cookie());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"profile-eve.json\"");
        assertThat(export.body()).contains("\"events\"", "Product Viewed");

        assertThat(post("/profiles/eve/erase", s.cookie(), Map.of("csrf", s.csrf(), "confirm", "")).statusCode()).isEqualTo(400);
        assertThat(post("/profiles/eve/erase", s.cookie(), Map.of("csrf", s.csrf(), "confirm", "someone-else")).body()).contains("nothing was erased");
        assertThat(post("/profiles/eve/erase", s.cookie(), Map.of("confirm", "eve")).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(server.admin("/api/v1/profiles/eve").status()).isEqualTo(200);
        HttpResponse<String> erased = post("/profiles/eve/erase", s.cookie(), Map.of("csrf", s.csrf(), "confirm", "eve"));
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("Erased profile");
        assertThat(server.admin("/api/v1/profiles/eve").status()).isEqualTo(404);
    }

    @Test
    void logout_endsTheSession() throws Exception {
        Login s = login();
        HttpResponse<String> r = post("/logout", s.cookie(), Map.of("csrf", s.csrf()));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login");
        assertThat(get("/segments", s.cookie()).statusCode()).isEqualTo(303);
    }

    @Test
    void assets_comeFromTheJar_cachedForAYear() throws Exception {
        HttpResponse<String> page = get("/login", null);
        Matcher m = Pattern.compile("src=\"(/assets/htmx\\.org/[^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        HttpResponse<String> htmx = get(m.group(1), null);
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=31536000", "immutable");
        assertThat(htmx.body()).contains("htmx");
        assertThat(get("/assets/../../etc/passwd", null).statusCode()).isIn(400, 404); // Jetty refuses the ambiguous path itself
        assertThat(get("/assets/dev/nudge/server/NudgeServer.class", null).statusCode()).isEqualTo(404);
    }

    @Test
    void theApi_stillWantsTheBearerToken_notTheCookie() throws Exception {
        Login s = login();
        assertThat(get("/api/v1/segments", s.cookie()).statusCode()).isEqualTo(401);
    }

    @Test
    void newSegment_withAnIdThatExists_isRefusedInline_andTheSegmentIsKept() throws Exception {
        Login s = login();
        TestServer.Response original = server.admin("/api/v1/segments/abandoned-checkout-1h");
        assertThat(original.status()).as("a shipped default segment").isEqualTo(200);
        String before = original.json().toString();
        String text = "name: Mine now\nid: abandoned-checkout-1h\nwhere:\n  event: Product Viewed\n";
        HttpResponse<String> saved = post("/segments", s.cookie(), Map.of("definition", text, "csrf", s.csrf(), "id", ""));
        assertThat(saved.statusCode()).isEqualTo(409);
        assertThat(saved.body()).contains("class=\"issue\"", "line 2", "exists already", "/segments/abandoned-checkout-1h/edit", "Mine now");
        assertThat(server.admin("/api/v1/segments/abandoned-checkout-1h").json().toString()).as("not replaced").isEqualTo(before);

        HttpRequest check = HttpRequest.newBuilder(URI.create(server.url() + "/segments/check"))
                .POST(HttpRequest.BodyPublishers.ofString("id=&definition=" + URLEncoder.encode(text, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", s.cookie()).header("X-CSRF-Token", s.csrf()).build();
        assertThat(http.send(check, HttpResponse.BodyHandlers.ofString()).body()).as("said as you type").contains("exists already");

        // the edit page names the id, so replacing stays possible there
        String edited = "id: csrf-edit\nname: First\nwhere:\n  event: Product Viewed\n";
        assertThat(post("/segments", s.cookie(), Map.of("definition", edited, "csrf", s.csrf())).statusCode()).isEqualTo(303);
        assertThat(post("/segments", s.cookie(), Map.of("definition", edited.replace("Product Viewed", "Product Added"), "csrf", s.csrf(), "id", "csrf-edit")).statusCode()).isEqualTo(303);
        assertThat(server.admin("/api/v1/segments/csrf-edit").json().toString()).contains("Product Added");
    }

    @Test
    void overview_showsEventsPerMinute_asAPolledFragment() throws Exception {
        Login s = login();
        HttpResponse<String> page = get("/", s.cookie());
        assertThat(page.body()).contains("Events per minute", "id=\"rate-chart\"", "hx-get=\"/overview/rate\"", "data-series=");
        HttpResponse<String> fragment = get("/overview/rate", s.cookie());
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body()).contains("id=\"events-last-minute\"").doesNotContain("<html");
    }
}
