package dev.nudge.server.sdk;

import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /v1/projects/{writeKey}/settings}: the settings document of {@link SourceSettings},
 * where analytics.js ({@code {cdnURL}/v1/projects/{key}/settings}) and analytics-kotlin/-swift
 * ({@code https://{cdnHost}/projects/{key}/settings}, cdnHost ending in {@code /v1}) look for it.
 * Public, as on Segment's CDN: the write key in the path is the only credential and it is not secret.
 */
final class SettingsRoutes {
    static final String KEY_PARAM = "writeKey";

    private final Predicate<String> isWriteKey;
    private final PublicAddress configured;
    private final Supplier<String> boundHost;

    /**
     * @param configured the address from {@code NUDGE_BASE_URL}, or null to take it from each request
     * @param boundHost  host:port the server listens on, used when a request has no usable Host header
     */
    SettingsRoutes(Predicate<String> isWriteKey, PublicAddress configured, Supplier<String> boundHost) {
        this.isWriteKey = isWriteKey;
        this.configured = configured;
        this.boundHost = boundHost;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/projects/{" + KEY_PARAM + "}/settings", this::settings);
    }

    private void settings(Context ctx) {
        String key = ctx.pathParam(KEY_PARAM);
        if (!isWriteKey.test(key)) {
            throw new ApiError(404, "no source has the write key \"" + key + "\" (unknown or revoked); "
                    + "use a write key from `nudge keys list` in the snippet or the SDK configuration", KEY_PARAM, java.util.List.of());
        }
        PublicAddress address = configured != null ? configured : PublicAddress.fromRequest(ctx.scheme(), ctx.host(), boundHost.get());
        // short, so a new NUDGE_BASE_URL or a revoked key reaches browsers within minutes
        ctx.header("Cache-Control", "public, max-age=60");
        Json.send(ctx, 200, SourceSettings.document(key, address));
    }
}
