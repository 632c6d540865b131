package dev.nudge.server.dashboard;

import dev.nudge.server.support.Chromium;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium, as a person uses it: log in through the form, see the overview, write a segment
 * with a mistake and see the validator's issue inline, fix it, preview the count, save, see the
 * members; find a profile by email and read its timeline; log out. Screenshots go to
 * {@code target/dashboard-screenshots/} (docs/dashboard.md shows copies). The page's console must
 * stay free of CSP violations: the policy allows no inline script or style.
 *
 * <p>Skipped with what to install where Chromium is missing, failed instead under CI=true ({@link Chromium}).
 */
class DashboardBrowserTest {
    static final Path SHOTS = Path.of("target/dashboard-screenshots");

    @TempDir Path dir;
    TestServer nudge;
    Chromium browser;

    @BeforeEach
    void start() throws Exception {
        Chromium.requireInstalled();
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("promo.liquid"), """
                ---
                subject: "New in: shoes for {{ profile.name | default: 'you' }}"
                from: Shop <shop@example.com>
                ---
                <html><body style="font-family:sans-serif"><h2 style="color:#2f6fdf">New shoes</h2><p>Hello {{ profile.name | default: 'friend' }},
                the new season is in.</p><a href="https://example.com/shoes">See the shoes</a>
                <p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p></body></html>
                """);
        nudge = new TestServer(dir.resolve("data"), java.time.InstantSource.system(), null, true,
                java.util.Map.of(dev.nudge.server.mail.MailConfig.TEMPLATES, templates.toString()));
        String batch = """
                {"batch": [
                  {"type": "identify", "userId": "ada", "traits": {"email": "ada@example.com", "name": "Ada", "plan": "pro"}},
                  {"type": "track", "userId": "ada", "event": "Product Viewed", "properties": {"product_id": "p-1", "price": 12.5}},
                  {"type": "track", "userId": "ada", "event": "Product Added", "properties": {"product_id": "p-1"}},
                  {"type": "identify", "userId": "grace", "traits": {"email": "grace@example.com"}},
                  {"type": "track", "userId": "grace", "event": "Product Viewed", "properties": {"product_id": "p-2"}},
                  {"type": "identify", "userId": "linus", "traits": {"email": "linus@example.com"}}
                ]}""";
        assertThat(nudge.ingest("/v1/batch", batch).status()).isEqualTo(200);
        Files.createDirectories(SHOTS);
        browser = Chromium.start();
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (nudge != null) nudge.close();
    }

    @Test
    void loginEditSegmentFindProfileLogout() throws Exception {
        WebDriver d = browser.driver();

        d.get(nudge.url() + "/segments");
        assertThat(d.getCurrentUrl()).endsWith("/login");
        d.findElement(By.id("token")).sendKeys("not-the-token");
        d.findElement(By.id("login")).click();
        assertThat(d.findElement(By.id("login-error")).getText()).contains("not a valid admin token");
        d.findElement(By.id("token")).sendKeys(TestServer.ADMIN_TOKEN);
        shot(d, "01-login");
        d.findElement(By.id("login")).click();
        until(() -> d.getCurrentUrl().equals(nudge.url() + "/") ? true : null);
        assertThat(d.findElement(By.id("counts")).getText()).contains("Events stored\n6");
        assertThat(d.findElement(By.id("latest")).getText()).contains("engagement-inactive");
        shot(d, "00-overview");
        d.findElement(By.linkText("Segments")).click();
        until(() -> d.getCurrentUrl().equals(nudge.url() + "/segments") ? true : null);
        assertThat(d.findElement(By.tagName("table")).getText()).contains("abandoned-checkout");

        d.findElement(By.id("new-segment")).click();
        WebElement editor = until(() -> visible(d, By.id("definition")));
        editor.clear();
        editor.sendKeys("id: viewed-recently\nname: Viewed a product this week\nwhere:\n  event: Product Viewed\n  within: 7x\n");
        WebElement issue = until(() -> visible(d, By.cssSelector("#issues .issue")));
        assertThat(issue.getText()).contains("line 5").contains("within: 7x").contains("^");
        shot(d, "02-editor-inline-error");

        editor.clear();
        editor.sendKeys("id: viewed-recently\nname: Viewed a product this week\nwhere:\n  event: Product Viewed\n  within: 7d\n");
        until(() -> visible(d, By.id("valid")));
        assertThat(d.findElements(By.cssSelector("#issues .issue"))).isEmpty();
        d.findElement(By.id("preview-button")).click();
        WebElement count = until(() -> visible(d, By.id("preview-count")));
        assertThat(count.getText()).startsWith("2 of 3 profiles match");
        shot(d, "03-editor-preview");

        d.findElement(By.id("save")).click();
        until(() -> d.getCurrentUrl().equals(nudge.url() + "/segments/viewed-recently") ? true : null);
        // saving starts a backfill in the background: reload until it has placed both members
        until(() -> {
            d.navigate().refresh();
            String members = d.findElement(By.id("members")).getText();
            return members.contains("grace") && members.contains("ada") ? true : null;
        });
        assertThat(d.findElement(By.id("size")).getText()).isEqualTo("2");
        until(() -> visible(d, By.cssSelector("#size-chart canvas")));
        shot(d, "04-segment-detail");

        d.findElement(By.linkText("Profiles")).click();
        d.findElement(By.id("profile-q")).sendKeys("ada@example.com");
        d.findElement(By.id("profile-search")).click();
        until(() -> d.getCurrentUrl().equals(nudge.url() + "/profiles/ada") ? true : null);
        String timeline = d.findElement(By.id("timeline")).getText();
        assertThat(timeline).contains("track Product Viewed", "track Product Added", "identify", "entered viewed-recently");
        assertThat(timeline.indexOf("entered viewed-recently")).as("newest first").isLessThan(timeline.indexOf("identify"));
        assertThat(d.findElement(By.id("memberships")).getText()).contains("viewed-recently");
        shot(d, "05-profile");
        d.manage().window().setSize(new Dimension(390, 844));
        shot(d, "06-profile-phone");
        d.manage().window().setSize(new Dimension(1280, 900));


        // a broadcast to the new segment, caught by the mail catcher, read in the outbox
        assertThat(nudge.adminPost("/api/v1/broadcasts", "{\"id\":\"b1\",\"template\":\"promo\",\"segment\":\"viewed-recently\"}").status()).isEqualTo(201);
        d.findElement(By.linkText("Outbox")).click();
        until(() -> {
            d.navigate().refresh();
            return d.findElement(By.id("outbox")).getText().contains("grace@example.com") && d.findElement(By.id("outbox")).getText().contains("ada@example.com") ? true : null;
        });
        shot(d, "07-outbox");
        d.findElement(By.linkText("New in: shoes for Ada")).click();
        assertThat(d.findElement(By.id("headers")).getText()).contains("ada@example.com", "List-Unsubscribe");
        d.switchTo().frame(d.findElement(By.cssSelector("iframe.mail")));
        assertThat(d.findElement(By.tagName("h2")).getText()).isEqualTo("New shoes");
        d.switchTo().defaultContent();
        shot(d, "08-outbox-message");

        String console = browser.console();
        assertThat(console).doesNotContainIgnoringCase("Content Security Policy").doesNotContainIgnoringCase("Refused");
        assertThat(console.lines().filter(l -> l.startsWith("SEVERE")).filter(l -> !l.contains("/login - Failed to load resource: the server responded with a status of 401")))
                .as("console errors other than the deliberate wrong-token login").isEmpty();

        d.findElement(By.id("logout")).click();
        until(() -> d.getCurrentUrl().equals(nudge.url() + "/login") ? true : null);
        d.get(nudge.url() + "/profiles/ada");
        assertThat(d.getCurrentUrl()).endsWith("/login");
    }

    /**
     * The mail pages as a person uses them: open a template, render it for a profile found by email
     * (the HTML in its sandboxed frame), break the Liquid and see the error with its line; then create
     * a broadcast from the template and a small segment, preview it, confirm, send, and watch the
     * polled progress reach finished. Only the keyboard-reachable controls are used (labels, selects).
     */
    @Test
    void previewATemplateForAProfile_thenSendABroadcastAndFollowItsProgress() throws Exception {
        assertThat(nudge.adminPost("/api/v1/segments", "id: viewed-product\nname: Viewed a product\nwhere:\n  event: Product Viewed\n").status()).isEqualTo(201);
        WebDriver d = browser.driver();
        d.get(nudge.url() + "/login");
        d.findElement(By.id("token")).sendKeys(TestServer.ADMIN_TOKEN);
        d.findElement(By.id("login")).click();
        until(() -> d.getCurrentUrl().equals(nudge.url() + "/") ? true : null);
        assertThat(d.findElement(By.id("rate")).getText()).contains("Events per minute");

        d.findElement(By.linkText("Templates")).click();
        assertThat(d.findElement(By.id("preview-only")).getText()).contains("Preview only");
        d.findElement(By.linkText("promo")).click();
        WebElement profile = until(() -> visible(d, By.id("profile")));
        assertThat(d.findElement(By.cssSelector("label[for=profile]")).getText()).contains("id or email");
        profile.sendKeys("ada@example.com");
        until(() -> d.findElement(By.id("rendered-for")).getText().contains("profile ada") ? true : null);
        assertThat(d.findElement(By.id("rendered-subject")).getText()).isEqualTo("New in: shoes for Ada");
        assertThat(d.findElement(By.id("rendered-text")).getText()).contains("Hello Ada");
        d.switchTo().frame(d.findElement(By.id("rendered-html")));
        assertThat(d.findElement(By.tagName("h2")).getText()).isEqualTo("New shoes");
        d.switchTo().defaultContent();
        shot(d, "09-template-preview");

        WebElement source = d.findElement(By.id("source"));
        source.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, org.openqa.selenium.Keys.END), "\n<p>{{ profile.name | shout }}</p>");
        WebElement error = until(() -> visible(d, By.cssSelector("#template-errors .issue")));
        assertThat(error.getText()).contains("promo line", "shout", "^");
        shot(d, "10-template-error");

        d.findElement(By.linkText("Broadcasts")).click();
        d.findElement(By.id("new-broadcast")).click();
        d.findElement(By.cssSelector("#template option[value=promo]")).click();
        d.findElement(By.cssSelector("#segment option[value=viewed-product]")).click();
        d.findElement(By.id("broadcast-id")).sendKeys("spring");
        d.findElement(By.id("profile")).sendKeys("grace@example.com");
        d.findElement(By.id("preview-button")).click();
        until(() -> d.findElement(By.id("render")).getText().contains("profile grace") ? true : null);
        assertThat(d.findElement(By.id("rendered-subject")).getText()).isEqualTo("New in: shoes for you");
        shot(d, "11-broadcast-new");

        d.findElement(By.id("review")).click();
        WebElement members = until(() -> visible(d, By.id("confirm-members")));
        assertThat(members.getText()).isEqualTo("2");
        shot(d, "12-broadcast-confirm");
        d.findElement(By.id("send")).click();
        until(() -> d.getCurrentUrl().equals(nudge.url() + "/broadcasts/spring") ? true : null);
        // no reload: the progress fragment polls itself until the runner stops
        until(() -> d.findElement(By.id("progress-status")).getText().equals("finished") ? true : null);
        // finished: the fragment stopped polling, so these elements stay put
        assertThat(d.findElement(By.id("progress")).getAttribute("data-polling")).isEqualTo("no");
        assertThat(d.findElement(By.id("count-sent")).getText()).isEqualTo("2");
        assertThat(d.findElement(By.id("count-queued")).getText()).isEqualTo("0");
        assertThat(d.findElement(By.id("count-failed")).getText()).isEqualTo("0");
        shot(d, "13-broadcast-progress");
        d.manage().window().setSize(new Dimension(390, 844));
        shot(d, "14-broadcast-phone");
        d.manage().window().setSize(new Dimension(1280, 900));
        d.findElement(By.linkText("Broadcasts")).click();
        assertThat(d.findElement(By.id("broadcasts")).getText()).contains("spring", "finished");

        String console = browser.console();
        assertThat(console).doesNotContainIgnoringCase("Content Security Policy").doesNotContainIgnoringCase("Refused");
        assertThat(console.lines().filter(l -> l.startsWith("SEVERE"))).as("console errors").isEmpty();
    }

    /** The element when it is displayed, else null. */
    private static WebElement visible(WebDriver d, By by) {
        for (WebElement e : d.findElements(by)) if (e.isDisplayed()) return e;
        return null;
    }

    /** Polls the browser (it has no clock to inject) until {@code check} gives a non-null value, for at most 15 s. */
    private static <T> T until(java.util.function.Supplier<T> check) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            T v;
            try {
                v = check.get();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                v = null; // htmx swapped the element between finding and reading it (the polled progress does every second)
            }
            if (v != null) return v;
            if (System.nanoTime() > deadline) throw new AssertionError("the page did not get there within 15 s");
            Thread.sleep(100);
        }
    }

    private static void shot(WebDriver d, String name) throws Exception {
        Path png = ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
