package dev.nudge.server.sdk;

import dev.nudge.server.auth.AllowedOrigins;
import dev.nudge.server.auth.Credentials;
import io.javalin.config.RoutesConfig;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What the Segment client libraries need from a server besides the ingest endpoints
 * (DESIGN.md §3, docs/tracking.md): CORS on {@code /v1} for browser pages, with origins allowed per
 * write key; the settings document at {@code /v1/projects/{writeKey}/settings}; and analytics.js
 * itself, so the standard snippet runs with Nudge as both its CDN and its API host.
 * The ingest endpoints, short paths included, are {@code IngestRoutes}'.
 */
public final class ClientSupport {
    private final Credentials credentials;
    private final PublicAddress configured;
    private final Supplier<String> boundHost;

    /**
     * @param env       the server's environment; {@code NUDGE_BASE_URL} there is the address given to clients
     * @param boundHost host:port the server listens on, the fallback when a request has no Host header
     */
    public ClientSupport(Credentials credentials, Map<String, String> env, Supplier<String> boundHost) {
        this.credentials = credentials;
        this.configured = PublicAddress.fromBaseUrl(env.get("NUDGE_BASE_URL"));
        this.boundHost = boundHost;
    }

    public void register(RoutesConfig routes) {
        new CorsRoutes(new Cors(new Cors.KeyOrigins() {
            @Override public AllowedOrigins originsOf(String writeKey) { return credentials.originsOf(writeKey); }
            @Override public boolean someWriteKeyAllows(String origin) { return credentials.someWriteKeyAllows(origin); }
        })).register(routes);
        new SettingsRoutes(credentials::isWriteKey, configured, boundHost).register(routes);
        new AnalyticsJsRoutes(credentials::isWriteKey).register(routes);
    }
}
