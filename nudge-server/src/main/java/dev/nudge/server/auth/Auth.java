package dev.nudge.server.auth;

import dev.nudge.server.http.ApiError;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Extracts and checks credentials: write keys for {@code /v1}, bearer admin tokens for {@code /api}. */
public final class Auth {
    private final Credentials credentials;

    public Auth(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The write key from HTTP Basic auth (user name, empty password), or null when there is no such header. */
    public static String basicUser(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            throw new ApiError(401, "the Authorization header is not valid Basic auth; send base64(\"WRITE_KEY:\")");
        }
    }

    /** Throws 401 unless {@code key} is a valid write key. */
    public void requireWriteKey(String key) {
        if (key == null) {
            throw new ApiError(401, "no write key: send it as the HTTP Basic user name (empty password) or as \"writeKey\" in the body");
        }
        if (credentials.isWriteKey(key)) return;
        if (credentials.isAdminToken(key)) {
            throw new ApiError(401, "that is an admin token; /v1 endpoints take a write key (see `nudge keys list`)");
        }
        throw new ApiError(401, "unknown or revoked write key; check the key (`nudge keys list`) and try again");
    }

    /** Throws 401/403 unless the request carries {@code Authorization: Bearer <admin token>}. */
    public void requireAdmin(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String basic = h != null && h.regionMatches(true, 0, "Basic ", 0, 6) ? basicUser(ctx) : null;
            if (basic != null && credentials.isWriteKey(basic)) {
                throw new ApiError(403, "write keys can only ingest through /v1; the admin API needs \"Authorization: Bearer <admin token>\"");
            }
            throw new ApiError(401, "the admin API needs \"Authorization: Bearer <admin token>\" (create one with `nudge keys create --admin`)");
        }
        String token = h.substring(7).trim();
        if (credentials.isAdminToken(token)) return;
        if (credentials.isWriteKey(token)) {
            throw new ApiError(403, "write keys can only ingest through /v1; the admin API needs an admin token");
        }
        throw new ApiError(401, "unknown or revoked admin token");
    }
}
