package dev.nudge.server.sdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings document a Segment client loads before it sends anything
 * ({@code GET /v1/projects/{writeKey}/settings}; Segment serves it from its CDN). analytics.js and
 * the mobile libraries read one part that matters here: {@code integrations["Segment.io"]}, whose
 * {@code apiKey} becomes the write key of every event and whose {@code apiHost} + {@code protocol} are
 * where events are posted. Pointing {@code apiHost} at this server is what makes the standard snippet
 * send to Nudge once its CDN is Nudge.
 *
 * <p>Everything else turns features off that Nudge does not serve, so a client never reaches past
 * Nudge: no device-mode destinations (only {@code Segment.io} is listed), no remote plugins,
 * middleware or edge functions, no tracking plan, and {@code metrics.sampleRate = 0}, which stops
 * the libraries' own telemetry (by default posted to Segment's API).
 */
final class SourceSettings {
    private SourceSettings() {}

    static Map<String, Object> document(String writeKey, PublicAddress address) {
        Map<String, Object> segmentIo = new LinkedHashMap<>();
        segmentIo.put("apiKey", writeKey);
        segmentIo.put("apiHost", address.apiHost());
        segmentIo.put("protocol", address.protocol());
        segmentIo.put("unbundledIntegrations", List.of());
        segmentIo.put("addBundledMetadata", true);
        segmentIo.put("maybeBundledConfigIds", Map.of());
        segmentIo.put("versionSettings", Map.of("componentTypes", List.of("browser", "android", "ios", "server")));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("integrations", Map.of("Segment.io", segmentIo));
        doc.put("plan", Map.of());
        doc.put("edgeFunction", Map.of());
        doc.put("analyticsNextEnabled", true);
        doc.put("middlewareSettings", Map.of());
        doc.put("enabledMiddleware", Map.of());
        doc.put("metrics", Map.of("sampleRate", 0));
        doc.put("legacyVideoPluginsEnabled", false);
        doc.put("remotePlugins", List.of());
        doc.put("consentSettings", Map.of("allCategories", List.of(), "hasUnmappedDestinations", false));
        doc.put("autoInstrumentationSettings", Map.of("sampleRate", 0));
        return doc;
    }
}
