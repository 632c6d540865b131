package dev.nudge.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAPI 3.1 description of the HTTP API, kept by hand as {@code openapi.yaml} next to the
 * code (a reviewed file, like a schema) and served as JSON. It is parsed once at startup, so a
 * broken file fails the boot, not the first client. {@code OpenApiTest} holds it to the routes the
 * server really registers, in both directions.
 */
public final class OpenApiDocument {
    static final String RESOURCE = "/dev/nudge/server/ops/openapi.yaml";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private final JsonNode root;
    private final byte[] json;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        try {
            this.json = new ObjectMapper().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar; rebuild nudge-server");
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    public JsonNode root() {
        return root;
    }

    public byte[] json() {
        return json;
    }

    /** Every operation the document describes, as routes ({@code GET /api/v1/profiles/{id}}). */
    public List<RouteTable.Route> operations() {
        List<RouteTable.Route> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> ops = pathItem(p.getValue()).fieldNames(); ops.hasNext(); ) {
                String op = ops.next();
                if (METHODS.contains(op)) out.add(new RouteTable.Route(op.toUpperCase(Locale.ROOT), p.getKey()));
            }
        }
        return out;
    }

    /**
     * Routes whose path has a wildcard ({@code OPTIONS /v1/*}): OpenAPI paths cannot express them,
     * so the document lists them under the top-level extension {@code x-wildcard-routes}.
     */
    public List<String> wildcardRoutes() {
        List<String> out = new ArrayList<>();
        root.path("x-wildcard-routes").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A path item, following a local {@code $ref} (OpenAPI 3.1 lets path items live in {@code components/pathItems}). */
    public JsonNode pathItem(JsonNode item) {
        String ref = item.path("$ref").asText(null);
        if (ref == null) return item;
        if (!ref.startsWith("#/")) throw new IllegalStateException("only local $refs are supported in " + RESOURCE + ", got " + ref);
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) throw new IllegalStateException(RESOURCE + ": $ref " + ref + " points nowhere");
        return target;
    }
}
