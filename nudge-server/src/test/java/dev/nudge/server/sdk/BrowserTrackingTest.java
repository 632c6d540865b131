package dev.nudge.server.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.support.Chromium;
import dev.nudge.server.support.ShopSite;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real analytics.js — {@code @segment/analytics-next} as the npm registry ships it, installed in
 * the fixture {@code src/test/browser} by {@code npm ci} — running in headless Chromium on a shop page
 * served from another origin than Nudge, with its settings and API pointed at a running Nudge.
 * Nothing here imitates the library's requests: what arrives is what the library sent, through the
 * browser's own CORS checks.
 *
 * <p>Needs Debian's chromium and chromium-driver and the fixture's packages; skipped with what to
 * install where they are missing, failed instead under CI=true ({@link Chromium}).
 */
class BrowserTrackingTest {
    static final Path FIXTURE = Path.of("src/test/browser");
    static final Path PACKAGE = FIXTURE.resolve("node_modules/@segment/analytics-next");

    @TempDir Path dir;
    TestServer nudge;
    ShopSite shop;
    Chromium browser;

    /** Per test, not per class: Surefire then reports each test as skipped, with the reason. */
    @BeforeEach
    void requirements() {
        Chromium.requireInstalled();
        Chromium.require(Files.isRegularFile(PACKAGE.resolve("dist/umd/standalone.js")),
                "the browser fixture's npm packages are not installed: npm ci --ignore-scripts --prefix nudge-server/src/test/browser");
    }

    void start(Map<String, String> env) {
        nudge = new TestServer(dir, InstantSource.system(), null, true, env);
        shop = new ShopSite(FIXTURE).with("NUDGE", nudge.url()).with("WRITE_KEY", TestServer.WRITE_KEY);
        browser = Chromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (shop != null) shop.close();
        if (nudge != null) nudge.close();
    }

    /** Nudge serves the npm package's own files, unchanged, as the snippet's CDN. */
    @Test
    void servedAnalyticsJs_isTheNpmPackagesStandaloneBuild() throws Exception {
        start(Map.of());
        Http.Answer served = Http.send("GET", nudge.url() + "/analytics.js/v1/" + TestServer.WRITE_KEY + "/analytics.min.js", null);
        assertThat(served.body()).isEqualTo(Files.readString(PACKAGE.resolve("dist/umd/standalone.js")));
        JsonNode pkg = new com.fasterxml.jackson.databind.ObjectMapper().readTree(PACKAGE.resolve("package.json").toFile());
        List<String> chunks;
        try (var files = Files.list(PACKAGE.resolve("dist/umd"))) {
            chunks = files.map(p -> p.getFileName().toString()).filter(n -> n.matches(".*\\.bundle\\.[0-9a-f]+\\.js")).sorted().toList();
        }
        assertThat(chunks).isNotEmpty();
        for (String chunk : chunks) {
            assertThat(Http.send("GET", nudge.url() + "/analytics-next/bundles/" + chunk, null).body()).as(chunk)
                    .isEqualTo(Files.readString(PACKAGE.resolve("dist/umd").resolve(chunk)));
        }
        assertThat(Http.send("GET", nudge.url() + "/analytics-next/bundles/none.js", null).body())
                .as("the server names the version it serves, which must be the fixture's").contains(pkg.get("version").asText());
    }

    @Test
    void standardSnippet_withNudgeAsCdnAndApi_pageTrackIdentifyAliasMergeOnOneProfile() {
        start(Map.of());
        // the CRM knew Ada before she ever visited
        assertThat(nudge.ingest("/v1/track", "{\"userId\":\"crm-7\",\"event\":\"Signed Up\"}").status()).isEqualTo(200);

        browser.driver().get(shop.url("/snippet.html"));
        awaitTrue("analytics.js loaded its settings from Nudge", () -> Boolean.TRUE.equals(
                browser.driver().executeScript("return !!(window.analytics && window.analytics.initialized)")));
        String anonymousId = (String) browser.driver().executeScript("return window.analytics.user().anonymousId()");
        assertThat(anonymousId).isNotBlank();
        awaitTrue("the anonymous page and track calls arrive", () -> totalEvents(anonymousId) == 2);

        browser.driver().findElement(By.id("sign-in")).click();
        awaitTrue("identify and alias arrive and merge", () -> totalEvents("user-1") == 5);

        JsonNode p = nudge.admin("/api/v1/profiles/" + anonymousId).json();
        assertThat(p.get("id").asText()).as("the browser's anonymous profile merged into user-1").isEqualTo("user-1");
        assertThat(p.get("anonymousIds").toString()).contains(anonymousId);
        assertThat(p.get("userIds").toString()).contains("crm-7");
        assertThat(p.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(p.get("traits").get("first_name").asText()).isEqualTo("Ada");
        JsonNode counts = p.get("eventCounts");
        assertThat(counts.get("page").asInt()).isEqualTo(1);
        assertThat(counts.get("Product Viewed").asInt()).isEqualTo(1);
        assertThat(counts.get("identify").asInt()).isEqualTo(1);
        assertThat(counts.get("alias").asInt()).isEqualTo(1);
        assertThat(counts.get("Signed Up").asInt()).isEqualTo(1);

        List<String> seen = new ArrayList<>();
        for (JsonNode e : nudge.admin("/api/v1/profiles/user-1/events?limit=100").json().get("data")) {
            String type = e.get("type").asText();
            if (type.equals("track") && e.get("event").asText().equals("Signed Up")) continue;
            seen.add(type);
            assertThat(e.at("/context/library/name").asText()).as("sent by analytics.js").isEqualTo("analytics.js");
            assertThat(e.at("/context/userAgent").asText()).as("from the real browser").contains("Chrome");
            if (type.equals("page")) {
                assertThat(e.at("/properties/url").asText()).as("the page's canonical URL").isEqualTo("https://shop.example.com/p/trail-shoe");
                assertThat(e.at("/context/page/title").asText()).isEqualTo("Trail Shoe | Example Shop");
            }
            if (type.equals("track")) assertThat(e.at("/properties/price").asDouble()).isEqualTo(89.0);
        }
        assertThat(seen).containsExactlyInAnyOrder("page", "track", "identify", "alias");

        List<String> requests = browser.requests().stream().filter(r -> r.contains(" http")).toList(); // not chrome:// pages
        assertThat(requests).as("settings and the bundle came from Nudge").contains(
                "GET " + nudge.url() + "/v1/projects/" + TestServer.WRITE_KEY + "/settings",
                "GET " + nudge.url() + "/analytics.js/v1/" + TestServer.WRITE_KEY + "/analytics.min.js");
        assertThat(requests).as("each call on its short path").contains(
                "POST " + nudge.url() + "/v1/p", "POST " + nudge.url() + "/v1/t", "POST " + nudge.url() + "/v1/i", "POST " + nudge.url() + "/v1/a");
        assertThat(requests).as("the browser asked first (analytics-next adds Authorization, so CORS preflights)")
                .contains("OPTIONS " + nudge.url() + "/v1/t", "OPTIONS " + nudge.url() + "/v1/i");
        assertThat(requests).as("nothing went anywhere but the shop and Nudge")
                .allMatch(r -> r.contains(" " + nudge.url() + "/") || r.contains(" " + shop.origin() + "/"));
    }

    @Test
    void npmPackage_loadedWithCdnUrlAndBatching_postsOneBatchToV1b() {
        start(Map.of());
        browser.driver().get(shop.url("/npm-batching.html"));
        awaitTrue("the batch arrives", () -> totalEvents("user-2") == 5);

        JsonNode p = nudge.admin("/api/v1/profiles/user-2").json();
        assertThat(p.get("email").asText()).isEqualTo("grace@example.com");
        assertThat(p.get("anonymousIds")).hasSize(1);
        assertThat(p.get("eventCounts").get("Order Completed").asInt()).isEqualTo(1);
        assertThat(p.get("eventCounts").get("page").asInt()).isEqualTo(1);

        List<String> posts = browser.requests().stream().filter(r -> r.startsWith("POST ")).toList();
        assertThat(posts).containsExactly("POST " + nudge.url() + "/v1/b");
    }

    @Test
    void pageOnAnOriginTheKeyDoesNotAllow_isBlockedByTheBrowser_nothingArrives() {
        start(Map.of(Credentials.WRITE_KEY_ORIGINS_ENV, "https://shop.example.com"));
        browser.driver().get(shop.url("/snippet.html"));
        awaitTrue("the browser reports the CORS refusal", () -> browser.console().contains("CORS policy"));

        assertThat(browser.driver().executeScript("return !!(window.analytics && window.analytics.initialized)")).isEqualTo(false);
        assertThat(nudge.admin("/api/v1/profiles").json().get("data")).isEmpty();
        assertThat(browser.console()).contains(nudge.url() + "/v1/projects/" + TestServer.WRITE_KEY + "/settings");
    }

    private int totalEvents(String id) {
        TestServer.Response r = nudge.admin("/api/v1/profiles/" + id);
        return r.status() == 200 ? r.json().get("totalEvents").asInt() : 0;
    }

    /**
     * Waits for something the browser does on its own schedule (loading, sending) — the one place a
     * test here waits on the wall clock; the deadline only bounds a failure, which then shows what the
     * page logged and requested.
     */
    private void awaitTrue(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting: " + what + "\nbrowser console:\n" + browser.console()
                        + "\nrequests:\n" + String.join("\n", browser.requests()));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
