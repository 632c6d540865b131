package dev.nudge.server.http;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one pagination scheme of the admin API (DESIGN.md §12): {@code ?limit=N} (default 100, at
 * most 1000) and {@code ?cursor=C}; responses carry {@code data} and {@code next_cursor} (null at the
 * end). Cursors are opaque base64url strings.
 */
public final class Paging {
    public static final int DEFAULT_LIMIT = 100, MAX_LIMIT = 1000;

    private Paging() {}

    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(raw);
            if (n < 1 || n > MAX_LIMIT) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "limit must be a whole number from 1 to " + MAX_LIMIT + ", got \"" + raw + "\"", "limit", List.of());
        }
    }

    public static byte[] cursor(Context ctx) {
        String raw = ctx.queryParam("cursor");
        if (raw == null || raw.isEmpty()) return null;
        try {
            return Base64.getUrlDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "cursor is not one this API gave out; pass the next_cursor of the previous page unchanged", "cursor", List.of());
        }
    }

    public static String encode(byte[] cursor) {
        return cursor == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
    }

    public static String encode(String cursor) {
        return cursor == null ? null : encode(cursor.getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, Object> page(List<?> data, String nextCursor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("next_cursor", nextCursor);
        return m;
    }
}
