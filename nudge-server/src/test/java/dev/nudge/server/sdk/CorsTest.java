package dev.nudge.server.sdk;

import dev.nudge.server.auth.AllowedOrigins;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CorsTest {
    static final String SHOP = "https://shop.example.com";
    static final String OTHER = "https://other.example";

    /** Two keys: "shop" allows only the shop's pages, "open" (when present) allows any origin. */
    static Cors cors(boolean withOpenKey) {
        Map<String, AllowedOrigins> keys = withOpenKey
                ? Map.of("shop", new AllowedOrigins(List.of(SHOP)), "open", AllowedOrigins.ANY)
                : Map.of("shop", new AllowedOrigins(List.of(SHOP)));
        return new Cors(new Cors.KeyOrigins() {
            @Override public AllowedOrigins originsOf(String k) { return k == null ? null : keys.get(k); }
            @Override public boolean someWriteKeyAllows(String o) { return keys.values().stream().anyMatch(a -> a.allows(o)); }
        });
    }

    @Test
    void preflight_allowedOrigin_echoesOriginAndRequestedHeaders_neverCredentials() {
        Cors.Decision d = cors(false).preflight(SHOP, "POST", "authorization,content-type");
        assertThat(d.refused()).isFalse();
        assertThat(d.headers())
                .containsEntry("Access-Control-Allow-Origin", SHOP)
                .containsEntry("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
                .containsEntry("Access-Control-Allow-Headers", "authorization,content-type")
                .containsEntry("Access-Control-Max-Age", "600")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(d.headers().get("Vary")).contains("Origin");
    }

    @Test
    void preflight_originNoKeyAllows_isRefusedAndSaysHowToAllowIt() {
        Cors.Decision d = cors(false).preflight(OTHER, "POST", "content-type");
        assertThat(d.refused()).isTrue();
        assertThat(d.headers()).isEmpty();
        assertThat(d.refusal()).contains(OTHER).contains("nudge keys origins KEY --add " + OTHER);
    }

    @Test
    void preflight_anyKeyAllowingAnyOrigin_allowsEveryOrigin() {
        assertThat(cors(true).preflight(OTHER, "POST", null).headers()).containsEntry("Access-Control-Allow-Origin", OTHER)
                .doesNotContainKey("Access-Control-Allow-Headers");
    }

    @Test
    void preflight_otherMethodOrMalformedHeaderList() {
        assertThat(cors(true).preflight(SHOP, "DELETE", null).refused()).isTrue();
        assertThat(cors(true).preflight(SHOP, "POST", "content-type, x-bad header\r\nInjected: 1").headers())
                .doesNotContainKey("Access-Control-Allow-Headers");
        assertThat(cors(true).preflight(null, "POST", null)).isEqualTo(Cors.Decision.NOT_CORS);
    }

    @Test
    void request_withoutOrigin_isNotCors() {
        assertThat(cors(false).request(null, "shop")).isEqualTo(Cors.Decision.NOT_CORS);
    }

    @Test
    void request_keyAllowsOrigin_echoesItAndExposesRetryAfter() {
        Cors.Decision d = cors(true).request(SHOP, "shop");
        assertThat(d.headers()).containsEntry("Access-Control-Allow-Origin", SHOP)
                .containsEntry("Access-Control-Expose-Headers", "Retry-After").containsEntry("Vary", "Origin")
                .doesNotContainKey("Access-Control-Allow-Credentials");
    }

    @Test
    void request_keyAllowsAnyOrigin_answersWildcard() {
        assertThat(cors(true).request(OTHER, "open").headers()).containsEntry("Access-Control-Allow-Origin", "*").doesNotContainKey("Vary");
    }

    @Test
    void request_keyDoesNotAllowOrigin_isRefusedEvenWhenAnotherKeyWould() {
        Cors.Decision d = cors(true).request(OTHER, "shop");
        assertThat(d.refused()).isTrue();
        assertThat(d.headers()).isEmpty();
        assertThat(d.refusal()).contains(OTHER).contains(SHOP).contains("--add");
    }

    @Test
    void request_unknownKey_getsHeadersOnlyWhenSomeKeyAllowsTheOrigin() {
        assertThat(cors(false).request(SHOP, "nope").headers()).containsEntry("Access-Control-Allow-Origin", SHOP);
        assertThat(cors(false).request(OTHER, null)).isEqualTo(Cors.Decision.NOT_CORS);
    }
}
