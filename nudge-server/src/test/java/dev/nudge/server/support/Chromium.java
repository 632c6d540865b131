package dev.nudge.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium driven by Selenium, for the tests that need a real browser (analytics.js now;
 * the dashboard later). Uses Debian's {@code chromium} and {@code chromium-driver} packages
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; {@code NUDGE_CHROMIUM} and
 * {@code NUDGE_CHROMEDRIVER} override), never a browser that a tool downloads: this machine reaches no
 * browser download host, and Selenium Manager is not consulted when both paths are given.
 *
 * <p>Where they are missing the test is skipped with what to install, except under {@code CI=true},
 * where it fails: a skipped browser test must never hide a failure in CI ({@code .ci/run} installs them).
 *
 * <p>Each browser gets a fresh profile folder and the flags that keep Chromium from calling Google's
 * hosts (background networking, component updates, sync, QUIC), which are unreachable here.
 */
public final class Chromium implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Selenium looks for a DevTools binding of the browser's exact version (selenium-devtools-vNNN) and
     * warns when there is none; these tests use only WebDriver and chromedriver's logs, which need none.
     * Held in a field: java.util.logging forgets the level of a logger nobody references.
     */
    private static final java.util.logging.Logger CDP_FINDER = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_FINDER.setLevel(java.util.logging.Level.SEVERE);
    }
    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> console = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips (or, in CI, fails) unless the browser and its driver are installed. */
    public static void requireInstalled() {
        require(Files.isExecutable(browserPath()) && Files.isExecutable(driverPath()),
                "headless Chromium and its driver are needed (" + browserPath() + ", " + driverPath() + "): "
                        + "apt-get install -y chromium chromium-driver (or set NUDGE_CHROMIUM / NUDGE_CHROMEDRIVER)");
    }

    /** Skips, or fails under CI=true, with {@code what} as the reason, unless {@code ok}. */
    public static void require(boolean ok, String what) {
        if (ok) return;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail("CI=true, so this browser test fails instead of skipping: " + what);
        System.err.println("skipped browser test: " + what); // Surefire's summary shows no reasons
        Assumptions.abort("skipped: " + what);
    }

    public static Chromium start() {
        requireInstalled();
        try {
            Path profile = Files.createTempDirectory("nudge-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(browserPath().toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
            // the console, and the network events of the DevTools protocol (what the page requested, preflights included)
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL", LogType.PERFORMANCE, "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driverPath().toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Everything the pages wrote to the console so far, one entry a line. */
    public synchronized String console() {
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) console.add(e.getLevel() + " " + e.getMessage());
        return String.join("\n", console);
    }

    /**
     * Every request the browser sent so far, as {@code "METHOD url"}, in order, CORS preflights
     * included (as {@code "OPTIONS url"}), from the DevTools protocol's network events.
     */
    public synchronized List<String> requests() {
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            try {
                JsonNode m = MAPPER.readTree(e.getMessage()).path("message");
                String method = m.path("method").asText();
                if (method.equals("Network.requestWillBeSent")) {
                    JsonNode r = m.path("params").path("request");
                    requests.add(r.path("method").asText() + " " + r.path("url").asText());
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static Path browserPath() {
        return Path.of(System.getenv().getOrDefault("NUDGE_CHROMIUM", "/usr/bin/chromium"));
    }

    private static Path driverPath() {
        return Path.of(System.getenv().getOrDefault("NUDGE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
