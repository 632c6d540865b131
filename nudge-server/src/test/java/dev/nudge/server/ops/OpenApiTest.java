package dev.nudge.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nudge.server.ops.RouteTable.Route;
import dev.nudge.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document against the routes a real server registers, as Javalin's router lists them.
 * A failure lists exactly which operations to add to (or remove from) {@code openapi.yaml}.
 */
class OpenApiTest {
    @TempDir static Path dir;
    static TestServer server;
    static JsonNode served;

    @BeforeAll
    static void start() {
        server = new TestServer(dir);
        TestServer.Response r = server.admin("/api/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        served = r.json();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRegisteredRoute_isDescribed_andEveryDescribedRoute_exists() {
        OpenApiDocument doc = OpenApiDocument.load();
        Set<String> registered = new TreeSet<>(), registeredWildcards = new TreeSet<>();
        for (Route r : server.server().routes()) {
            // the OpenAPI document describes the JSON API; the dashboard's HTML pages and assets are not part of it
            if (dev.nudge.server.dashboard.Dashboard.serves(r.path())) continue;
            if (r.path().contains("*")) registeredWildcards.add(r.toString());
            else registered.add(r.method() + " " + r.openApiPath());
        }
        Set<String> documented = new TreeSet<>();
        for (Route r : doc.operations()) documented.add(r.toString());
        Set<String> documentedWildcards = new TreeSet<>(doc.wildcardRoutes());

        String report = difference("paths:", registered, documented) + difference("x-wildcard-routes: (OpenAPI paths cannot hold a wildcard)",
                registeredWildcards, documentedWildcards);
        assertThat(report).as("openapi.yaml against the router").isEmpty();
        assertThat(registered).as("the router was read (sanity)").contains("POST /v1/batch", "GET /api/v1/profiles/{id}", "GET /ready");
    }

    @Test
    void servedDocument_isOpenApi31_withAUniqueIdPerOperation_andItsPathParametersDeclared() {
        OpenApiDocument doc = OpenApiDocument.load();
        assertThat(served.path("openapi").asText()).startsWith("3.1.");
        assertThat(served).isEqualTo(doc.root());
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        Pattern param = Pattern.compile("\\{([^}]+)}");
        for (Iterator<Map.Entry<String, JsonNode>> it = served.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode item = doc.pathItem(p.getValue());
            Set<String> declared = new HashSet<>();
            item.path("parameters").forEach(x -> declared.add(resolve(doc, x).path("name").asText()));
            for (Iterator<Map.Entry<String, JsonNode>> ops = item.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) continue;
                JsonNode o = op.getValue();
                String where = op.getKey().toUpperCase() + " " + p.getKey();
                if (!o.path("responses").isObject() || o.path("responses").isEmpty()) problems.add(where + ": no responses");
                String id = o.path("operationId").asText(null);
                if (id != null && !ids.add(id)) problems.add(where + ": operationId " + id + " is used twice");
                Set<String> params = new HashSet<>(declared);
                o.path("parameters").forEach(x -> params.add(resolve(doc, x).path("name").asText()));
                Matcher m = param.matcher(p.getKey());
                while (m.find()) if (!params.contains(m.group(1))) problems.add(where + ": path parameter {" + m.group(1) + "} is not declared");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void document_needsTheAdminToken_likeTheRestOfTheAdminApi() {
        assertThat(server.get("/api/v1/openapi.json", null).status()).isEqualTo(401);
    }

    private static String difference(String where, Set<String> registered, Set<String> documented) {
        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(registered);
        return (missing.isEmpty() ? "" : "add to openapi.yaml " + where + " (registered, not described): " + missing + "\n")
                + (stale.isEmpty() ? "" : "remove from openapi.yaml " + where + " (described, not registered): " + stale + "\n");
    }

    private static JsonNode resolve(OpenApiDocument doc, JsonNode node) {
        String ref = node.path("$ref").asText(null);
        return ref == null ? node : doc.root().at(ref.substring(1));
    }
}
