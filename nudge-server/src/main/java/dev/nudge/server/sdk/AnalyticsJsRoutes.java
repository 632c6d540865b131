package dev.nudge.server.sdk;

import dev.nudge.server.http.ApiError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Nudge as the snippet's CDN: serves analytics.js where the standard Segment snippet loads it
 * ({@code {cdn}/analytics.js/v1/{writeKey}/analytics.min.js}) and the chunks it loads lazily
 * ({@code {cdn}/analytics-next/bundles/...}), so a shop needs no other host for tracking: the CDN and
 * the API are both this server (docs/tracking.md).
 *
 * <p>The files are the {@code dist/umd} build of the npm package {@code @segment/analytics-next}
 * (MIT, LICENSE.MD beside them), copied unchanged by {@code src/test/browser/vendor-analytics-next.sh};
 * a test holds them byte-identical to the package the browser tests install. They are read once,
 * at start, from the list in {@code MANIFEST}, so a missing file fails the start, not a visitor.
 */
final class AnalyticsJsRoutes {
    private static final String BASE = "/dev/nudge/server/sdk/analytics-next/";
    private static final String JS = "application/javascript; charset=utf-8";

    private final Predicate<String> isWriteKey;
    private final String version;
    private final byte[] standalone;
    /** The lazily loaded chunks by file name; their names carry a content hash, so they never change. */
    private final Map<String, byte[]> chunks = new LinkedHashMap<>();

    AnalyticsJsRoutes(Predicate<String> isWriteKey) {
        this.isWriteKey = isWriteKey;
        List<String> manifest = new String(resource("MANIFEST"), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        if (manifest.isEmpty() || !manifest.get(0).startsWith("version ")) {
            throw new IllegalStateException(BASE + "MANIFEST must start with \"version X\"; regenerate it with vendor-analytics-next.sh");
        }
        this.version = manifest.get(0).substring("version ".length()).trim();
        this.standalone = resource("standalone.js");
        for (String f : manifest.subList(1, manifest.size())) if (!f.equals("standalone.js")) chunks.put(f, resource(f));
    }

    /** The analytics-next version served. */
    String version() {
        return version;
    }

    void register(RoutesConfig routes) {
        routes.get("/analytics.js/v1/{writeKey}/analytics.min.js", this::bundle);
        routes.get("/analytics-next/bundles/{file}", this::chunk);
    }

    private void bundle(Context ctx) {
        String key = ctx.pathParam("writeKey");
        if (!isWriteKey.test(key)) {
            throw new ApiError(404, "no source has the write key \"" + key + "\" (unknown or revoked); "
                    + "put a write key from `nudge keys list` in the snippet's analytics.load(...)");
        }
        // the URL names no version, so browsers check back within minutes after an upgrade of Nudge
        send(ctx, standalone, "public, max-age=300");
    }

    private void chunk(Context ctx) {
        byte[] body = chunks.get(ctx.pathParam("file"));
        if (body == null) {
            throw new ApiError(404, "analytics.js " + version + " has no chunk \"" + ctx.pathParam("file")
                    + "\"; the page runs another version of analytics.js than this server serves: load it from this server");
        }
        send(ctx, body, "public, max-age=31536000, immutable");
    }

    private static void send(Context ctx, byte[] body, String cacheControl) {
        ctx.header("Cache-Control", cacheControl);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(JS).result(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = AnalyticsJsRoutes.class.getResourceAsStream(BASE + name)) {
            if (in == null) throw new IllegalStateException("analytics.js file " + BASE + name + " is missing from the build; run vendor-analytics-next.sh");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
