package dev.nudge.server.ops;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.ParsedEndpoint;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HTTP routes a running Javalin really has, read from its router — the source of truth that
 * the OpenAPI document is held to (a hand-kept list would drift the same way the document does).
 * Filters (before/after) are not routes and are left out.
 */
public final class RouteTable {
    /** One route: upper-case method and Javalin's path template, e.g. {@code GET /api/v1/profiles/{id}}. */
    public record Route(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        /** The path as OpenAPI writes it: Javalin's {@code <name>} parameters become {@code {name}}. */
        public String openApiPath() {
            return path.replace('<', '{').replace('>', '}');
        }
    }

    private static final Set<HandlerType> ROUTE_TYPES = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS);

    private RouteTable() {}

    public static List<Route> of(Javalin app) {
        Set<Route> out = new TreeSet<>(Comparator.comparing(Route::path).thenComparing(Route::method));
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (ROUTE_TYPES.contains(e.endpoint.method)) out.add(new Route(e.endpoint.method.name(), e.endpoint.path));
        }
        return List.copyOf(out);
    }
}
