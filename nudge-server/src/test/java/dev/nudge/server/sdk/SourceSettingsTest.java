package dev.nudge.server.sdk;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceSettingsTest {
    @Test
    @SuppressWarnings("unchecked")
    void document_pointsSegmentIoAtThisServer_andTurnsTelemetryAndRemoteCodeOff() {
        Map<String, Object> doc = SourceSettings.document("wk_1", new PublicAddress("https", "nudge.shop.example"));
        Map<String, Object> integrations = (Map<String, Object>) doc.get("integrations");
        assertThat(integrations).containsOnlyKeys("Segment.io");
        Map<String, Object> seg = (Map<String, Object>) integrations.get("Segment.io");
        assertThat(seg).containsEntry("apiKey", "wk_1").containsEntry("apiHost", "nudge.shop.example/v1").containsEntry("protocol", "https");
        assertThat(doc).containsEntry("metrics", Map.of("sampleRate", 0)).containsEntry("remotePlugins", List.of())
                .containsEntry("enabledMiddleware", Map.of()).containsEntry("analyticsNextEnabled", true)
                .containsEntry("legacyVideoPluginsEnabled", false).containsKeys("plan", "edgeFunction", "middlewareSettings");
    }

    @Test
    void baseUrl_keepsPortAndPathPrefix() {
        assertThat(PublicAddress.fromBaseUrl("https://shop.example/nudge/").apiHost()).isEqualTo("shop.example/nudge/v1");
        assertThat(PublicAddress.fromBaseUrl("http://127.0.0.1:8080")).isEqualTo(new PublicAddress("http", "127.0.0.1:8080"));
        assertThat(PublicAddress.fromBaseUrl(null)).isNull();
        assertThatThrownBy(() -> PublicAddress.fromBaseUrl("nudge.shop.example")).hasMessageContaining("NUDGE_BASE_URL must be");
    }

    @Test
    void request_usesItsHostHeader_unlessMalformed() {
        assertThat(PublicAddress.fromRequest("http", "localhost:9090", "127.0.0.1:8080").url()).isEqualTo("http://localhost:9090");
        assertThat(PublicAddress.fromRequest("https", "[::1]:9090", "x").url()).isEqualTo("https://[::1]:9090");
        assertThat(PublicAddress.fromRequest("http", "evil\"/x", "127.0.0.1:8080").host()).isEqualTo("127.0.0.1:8080");
        assertThat(PublicAddress.fromRequest("http", null, "127.0.0.1:8080").host()).isEqualTo("127.0.0.1:8080");
    }
}
