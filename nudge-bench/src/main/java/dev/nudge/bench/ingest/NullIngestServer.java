package dev.nudge.bench.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.javalin.Javalin;

/**
 * The ceiling of HTTP and JSON on this machine (DESIGN.md §14): the same Javalin/Jetty setup as
 * {@code nudge serve}, answering {@code /v1/batch} after only tokenizing the body, keeping nothing.
 * Run as its own process by {@link IngestBenchmark}.
 */
public final class NullIngestServer {
    private static final JsonFactory JSON = new JsonFactory();

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 4L << 20;
            cfg.routes.post("/v1/batch", ctx -> {
                int tokens = 0;
                try (JsonParser p = JSON.createParser(ctx.bodyAsBytes())) {
                    while (p.nextToken() != null) {
                        if (p.currentToken() == JsonToken.START_OBJECT) tokens++;
                    }
                }
                ctx.contentType("application/json").result("{\"success\":true,\"objects\":" + tokens + "}");
            });
            cfg.routes.get("/ready", ctx -> ctx.result("ok"));
        });
        app.start("127.0.0.1", port);
    }
}
