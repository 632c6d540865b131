package dev.nudge.server.dashboard;

import dev.nudge.server.support.TestServer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain-HTTP dashboard requests against one test server: GET, form POST (optionally as htmx), login through the form. */
final class DashboardClient {
    private final TestServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    DashboardClient(TestServer server) {
        this.server = server;
    }

    record Login(String cookie, String csrf) {}

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        return post(path, cookie, form, Map.of());
    }

    /** A form POST with extra request headers ({@code X-CSRF-Token}, {@code HX-Request}, {@code X-Forwarded-For}). */
    HttpResponse<String> post(String path, String cookie, Map<String, String> form, Map<String, String> headers) throws Exception {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (cookie != null) b.header("Cookie", cookie);
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> getHtmx(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET().header("HX-Request", "true");
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The login form's answer to {@code token} (with a fresh double-submit pair). */
    HttpResponse<String> tryLogin(String token) throws Exception {
        return tryLogin(token, Map.of());
    }

    HttpResponse<String> tryLogin(String token, Map<String, String> headers) throws Exception {
        HttpResponse<String> page = get("/login", null);
        return post("/login", "nudge_login=" + value(setCookie(page, "nudge_login")), Map.of("csrf", field(page.body(), "csrf"), "token", token), headers);
    }

    Login login() throws Exception {
        HttpResponse<String> r = tryLogin(TestServer.ADMIN_TOKEN);
        assertThat(r.statusCode()).as("login").isEqualTo(303);
        String cookie = "nudge_session=" + value(setCookie(r, "nudge_session"));
        HttpResponse<String> segments = get("/segments", cookie);
        assertThat(segments.statusCode()).isEqualTo(200);
        return new Login(cookie, field(segments.body(), "csrf"));
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
}
