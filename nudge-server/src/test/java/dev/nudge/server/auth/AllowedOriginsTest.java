package dev.nudge.server.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedOriginsTest {
    @Test
    void any_allowsEveryOriginAndTheNullOrigin() {
        assertThat(AllowedOrigins.ANY.allows("https://anything.example")).isTrue();
        assertThat(AllowedOrigins.ANY.allows("null")).isTrue();
        assertThat(AllowedOrigins.parse("  ")).isEqualTo(AllowedOrigins.ANY);
    }

    @Test
    void exactOrigin_matchesSchemeHostAndPortOnly() {
        AllowedOrigins o = new AllowedOrigins(List.of("https://shop.example.com"));
        assertThat(o.allows("https://shop.example.com")).isTrue();
        assertThat(o.allows("https://SHOP.example.com:443")).isTrue();
        assertThat(o.allows("http://shop.example.com")).as("other scheme").isFalse();
        assertThat(o.allows("https://shop.example.com:8443")).as("other port").isFalse();
        assertThat(o.allows("https://evil-shop.example.com")).isFalse();
        assertThat(o.allows("https://shop.example.com.evil.example")).isFalse();
        assertThat(o.allows("null")).as("sandboxed frames and file:// pages").isFalse();
        assertThat(o.allows(null)).isFalse();
    }

    @Test
    void wildcard_matchesSubdomainsNotTheApex() {
        AllowedOrigins o = new AllowedOrigins(List.of("https://*.shop.example.com"));
        assertThat(o.allows("https://www.shop.example.com")).isTrue();
        assertThat(o.allows("https://a.b.shop.example.com")).isTrue();
        assertThat(o.allows("https://shop.example.com")).isFalse();
        assertThat(o.allows("https://notshop.example.com")).isFalse();
    }

    @Test
    void entries_areNormalizedAndDeduplicated() {
        AllowedOrigins o = AllowedOrigins.parse("HTTPS://Shop.Example.com/, https://shop.example.com:443 http://localhost:3000");
        assertThat(o.entries()).containsExactly("https://shop.example.com", "http://localhost:3000");
        assertThat(o.allows("http://localhost:3000")).isTrue();
        assertThat(o.toString()).isEqualTo("https://shop.example.com, http://localhost:3000");
    }

    @Test
    void entryWithAPathOrNoScheme_isRefusedWithAnExample() {
        for (String bad : List.of("https://shop.example.com/checkout", "shop.example.com", "ftp://shop.example.com", "https://")) {
            assertThatThrownBy(() -> new AllowedOrigins(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad).hasMessageContaining("e.g. https://shop.example.com");
        }
    }
}
