package dev.nudge.server.sdk;

import dev.nudge.server.auth.AllowedOrigins;
import dev.nudge.server.auth.Credentials;
import dev.nudge.server.auth.KeyAdmin;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static dev.nudge.server.sdk.Http.send;
import static dev.nudge.server.sdk.Http.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** A server whose every write key names its origins: pages elsewhere are refused, by the browser and by Nudge. */
class OriginAllowlistTest {
    static final String SHOP = "https://shop.example.com";
    static final String OTHER = "https://copycat.example";
    @TempDir Path dir;
    TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(dir, InstantSource.system(), null, true, Map.of(Credentials.WRITE_KEY_ORIGINS_ENV, SHOP));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Http.Answer track(String origin, String key, String userId) {
        return send("POST", server.url() + "/v1/t", utf8("{\"userId\":\"" + userId + "\",\"event\":\"Product Viewed\",\"writeKey\":\"" + key + "\"}"),
                "Content-Type", "text/plain", "Origin", origin);
    }

    @Test
    void preflight_fromAnOriginNoKeyAllows_403WithoutCorsHeaders() {
        Http.Answer a = send("OPTIONS", server.url() + "/v1/t", null, "Origin", OTHER, "Access-Control-Request-Method", "POST");
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.header("Access-Control-Allow-Origin")).isNull();
        assertThat(a.json().get("error").asText()).contains(OTHER).contains("nudge keys origins");
        Http.Answer ok = send("OPTIONS", server.url() + "/v1/t", null, "Origin", SHOP, "Access-Control-Request-Method", "POST");
        assertThat(ok.status()).isEqualTo(204);
        assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    }

    @Test
    void post_fromAnOriginTheKeyDoesNotAllow_403NothingStored() {
        Http.Answer a = track(OTHER, TestServer.WRITE_KEY, "copy-1");
        assertThat(a.status()).isEqualTo(403);
        assertThat(a.header("Access-Control-Allow-Origin")).isNull();
        assertThat(a.json().get("error").asText()).contains(OTHER).contains(SHOP).contains("--add");
        assertThat(server.admin("/api/v1/profiles/copy-1").status()).isEqualTo(404);
        // the key in the Authorization header (as analytics-next 1.84 sends it) is held to the same list
        Http.Answer basic = send("POST", server.url() + "/v1/t", utf8("{\"userId\":\"copy-1\",\"event\":\"E\"}"),
                "Content-Type", "text/plain", "Origin", OTHER, "Authorization", TestServer.basic(TestServer.WRITE_KEY));
        assertThat(basic.status()).isEqualTo(403);
        // and a gzip body does not hide it
        Http.Answer zipped = send("POST", server.url() + "/v1/b", Http.gzip("{\"writeKey\":\"" + TestServer.WRITE_KEY
                + "\",\"batch\":[{\"type\":\"track\",\"userId\":\"copy-1\",\"event\":\"E\"}]}"),
                "Content-Type", "text/plain", "Content-Encoding", "gzip", "Origin", OTHER);
        assertThat(zipped.status()).isEqualTo(403);
        assertThat(server.admin("/api/v1/profiles/copy-1").status()).isEqualTo(404);
    }

    @Test
    void post_fromAnAllowedOrigin_storedAndTheOriginEchoed() {
        Http.Answer a = track(SHOP, TestServer.WRITE_KEY, "shopper-1");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(a.header("Vary")).contains("Origin");
        assertThat(server.admin("/api/v1/profiles/shopper-1").json().get("totalEvents").asInt()).isEqualTo(1);
    }

    @Test
    void settings_fromAnOriginTheKeyDoesNotAllow_403() {
        assertThat(send("GET", server.url() + "/v1/projects/" + TestServer.WRITE_KEY + "/settings", null, "Origin", OTHER).status()).isEqualTo(403);
        // mobile apps send no Origin: always served
        assertThat(send("GET", server.url() + "/v1/projects/" + TestServer.WRITE_KEY + "/settings", null).status()).isEqualTo(200);
    }

    @Test
    void storedKeyOrigins_changeAtOnce_andSurviveARestart() {
        KeyAdmin admin = new KeyAdmin(server.server().writer(), server.server().credentials());
        String key = admin.create(Credentials.Kind.WRITE, new AllowedOrigins(List.of("https://*.copycat.example")));
        assertThat(track("https://www.copycat.example", key, "sub-1").status()).isEqualTo(200);
        assertThat(track(OTHER, key, "sub-2").status()).as("the apex is not a subdomain").isEqualTo(403);

        assertThat(admin.allowOrigins(key, new AllowedOrigins(List.of(OTHER)))).isTrue();
        assertThat(track(OTHER, key, "sub-2").status()).isEqualTo(200);

        server.restart();
        assertThat(track(OTHER, key, "sub-3").status()).isEqualTo(200);
        assertThat(track("https://www.copycat.example", key, "sub-4").status()).isEqualTo(403);
        assertThat(Credentials.list(server.server().store()).stream().filter(c -> c.id().equals(key)).findFirst().orElseThrow().origins())
                .isEqualTo(new AllowedOrigins(List.of(OTHER)));
    }
}
