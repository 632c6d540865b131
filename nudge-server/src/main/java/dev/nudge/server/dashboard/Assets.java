package dev.nudge.server.dashboard;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's browser files, all from the jar: htmx and uPlot from their WebJars, and the
 * dashboard's own CSS and JS. Each is served at a URL that changes with its content (the WebJar's
 * version, or a hash of our file), so every response can be cached for a year ({@code immutable}).
 * Anything not listed here is a 404: the handler never maps a request path onto the classpath.
 */
final class Assets {
    private static final String OWN = "dev/nudge/server/dashboard/assets/";

    record Asset(String url, String contentType, byte[] body) {}

    private final Map<String, Asset> byUrl = new LinkedHashMap<>();
    final String css, js, htmx, uplot, uplotCss;

    Assets() {
        css = own("dashboard.css", "text/css; charset=utf-8");
        js = own("dashboard.js", "text/javascript; charset=utf-8");
        htmx = webjar("htmx.org", "dist/htmx.min.js", "text/javascript; charset=utf-8");
        uplot = webjar("uplot", "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8");
        uplotCss = webjar("uplot", "dist/uPlot.min.css", "text/css; charset=utf-8");
    }

    void serve(Context ctx) {
        Asset a = byUrl.get(ctx.path());
        if (a == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such asset");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(a.contentType()).result(a.body());
    }

    private String own(String name, String type) {
        byte[] body = read(OWN + name);
        int dot = name.lastIndexOf('.');
        String url = "/assets/" + name.substring(0, dot) + "." + sha256(body).substring(0, 12) + name.substring(dot);
        byUrl.put(url, new Asset(url, type, body));
        return url;
    }

    private String webjar(String artifact, String file, String type) {
        String version = webjarVersion(artifact);
        byte[] body = read("META-INF/resources/webjars/" + artifact + "/" + version + "/" + file);
        String url = "/assets/" + artifact + "/" + version + "/" + file;
        byUrl.put(url, new Asset(url, type, body));
        return url;
    }

    /** The version the WebJar on the class path carries (its Maven pom.properties). */
    private static String webjarVersion(String artifact) {
        Properties p = new Properties();
        String where = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(where)) {
            if (in == null) throw new IllegalStateException("the WebJar org.webjars.npm:" + artifact + " is not on the class path (" + where + "); the dashboard cannot start without it");
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("dashboard asset missing from the jar: " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
