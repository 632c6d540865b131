package dev.nudge.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A shop's web site on its own origin (another 127.0.0.1 port than Nudge's), so a page's calls to
 * Nudge are cross-origin and the browser applies CORS for real. Serves the test pages of the browser
 * fixture ({@code src/test/browser/pages}, with {@code __NUDGE__} and {@code __WRITE_KEY__} filled
 * in) and the fixture's installed npm packages under {@code /node_modules/}.
 */
public final class ShopSite implements AutoCloseable {
    private final HttpServer http;
    private final Path fixture;
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public ShopSite(Path fixture) {
        this.fixture = fixture.toAbsolutePath().normalize();
        try {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/", this::serve);
        http.start();
    }

    /** The value {@code __NAME__} stands for in the pages. */
    public ShopSite with(String name, String value) {
        values.put("__" + name + "__", value);
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    public String origin() {
        return url("");
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            Path file = path.startsWith("/node_modules/") ? fixture.resolve(path.substring(1)).normalize()
                    : fixture.resolve("pages").resolve(path.substring(1)).normalize();
            if (!file.startsWith(fixture) || !Files.isRegularFile(file)) {
                byte[] body = ("no such file in the shop: " + path).getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(404, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String type = file.toString().endsWith(".html") ? "text/html; charset=utf-8" : "application/javascript; charset=utf-8";
            if (type.startsWith("text/html")) {
                String html = new String(body, StandardCharsets.UTF_8);
                for (Map.Entry<String, String> v : values.entrySet()) html = html.replace(v.getKey(), v.getValue());
                body = html.getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
