package dev.nudge.server.dashboard;

import dev.nudge.server.net.ClientAddress;
import dev.nudge.server.support.MutableClock;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form's rate limit: five failures within a minute from one client address, and that
 * address gets 429 (with when to retry) even for the right token, until the window passes. The
 * address is ClientAddress's: with 127.0.0.1 trusted as a proxy, X-Forwarded-For names the client,
 * so two clients behind it are limited apart. Time is the server's injected clock, moved by hand.
 */
class DashboardLoginThrottleTest {
    @TempDir Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    TestServer server;
    DashboardClient client;

    @BeforeEach
    void start() {
        server = new TestServer(dir, clock, null, true, Map.of(ClientAddress.TRUSTED_PROXIES, "127.0.0.1/32"));
        client = new DashboardClient(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<String, String> from(String address) {
        return Map.of("X-Forwarded-For", address);
    }

    @Test
    void fiveFailuresInAMinute_refuseTheNextAttempt_evenWithTheRightToken_untilTheWindowPasses() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(client.tryLogin("guess-" + i, from("203.0.113.7")).statusCode()).as("failure " + (i + 1)).isEqualTo(401);
        }
        HttpResponse<String> refused = client.tryLogin(TestServer.ADMIN_TOKEN, from("203.0.113.7"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("56"); // the first failure (12:00:01) leaves the window at 12:01:01
        assertThat(refused.body()).contains("Too many failed logins", "Try again in 56 seconds", "after 2026-12-03 12:01:01 UTC");
        assertThat(DashboardClient.setCookie(refused, "nudge_session")).isNull();

        assertThat(client.tryLogin(TestServer.ADMIN_TOKEN, from("198.51.100.2")).statusCode()).as("another client behind the same proxy").isEqualTo(303);

        clock.advance(Duration.ofSeconds(55));
        assertThat(client.tryLogin(TestServer.ADMIN_TOKEN, from("203.0.113.7")).statusCode()).as("one second early").isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(client.tryLogin(TestServer.ADMIN_TOKEN, from("203.0.113.7")).statusCode()).as("the oldest failure has left the window").isEqualTo(303);
    }

    @Test
    void aSuccessfulLogin_clearsTheAddressesFailures() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) assertThat(client.tryLogin("guess", from("203.0.113.9")).statusCode()).isEqualTo(401);
        assertThat(client.tryLogin(TestServer.ADMIN_TOKEN, from("203.0.113.9")).statusCode()).isEqualTo(303);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) assertThat(client.tryLogin("guess", from("203.0.113.9")).statusCode()).isEqualTo(401);
        assertThat(client.tryLogin("guess", from("203.0.113.9")).statusCode()).isEqualTo(429);
    }
}
