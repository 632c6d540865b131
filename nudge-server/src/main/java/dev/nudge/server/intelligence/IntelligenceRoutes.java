package dev.nudge.server.intelligence;

import dev.nudge.core.intelligence.rules.Recommender;
import dev.nudge.server.http.ApiError;
import dev.nudge.server.http.Json;
import dev.nudge.server.http.Paging;
import dev.nudge.store.NudgeStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The intelligence API (admin token, DESIGN.md §12): run a refresh now, RFM group sizes, the last
 * fits, and recommendations per profile and per product. Before the first refresh the read
 * endpoints answer 404 saying how to run one; a refresh asked for while one runs answers 409.
 */
public final class IntelligenceRoutes {
    private final Intelligence intelligence;
    private final NudgeStore store;

    public IntelligenceRoutes(Intelligence intelligence, NudgeStore store) {
        this.intelligence = intelligence;
        this.store = store;
    }

    public void register(RoutesConfig app) {
        app.exception(IntelligenceService.Busy.class, (e, ctx) -> Json.send(ctx, 409, Map.of("error", e.getMessage())));
        app.post("/api/v1/intelligence/refresh", ctx -> Json.send(ctx, 200, intelligence.service().refresh("api").toMap()));
        app.get("/api/v1/intelligence/rfm", this::rfm);
        app.get("/api/v1/intelligence/models", this::models);
        app.get("/api/v1/profiles/{id}/recommendations", this::forProfile);
        app.get("/api/v1/products/{id}/recommendations", this::forProduct);
    }

    private RefreshReport last() {
        return intelligence.service().last().orElseThrow(() -> new ApiError(404,
                "no intelligence refresh has run on this data yet; POST /api/v1/intelligence/refresh runs one now"));
    }

    private void rfm(Context ctx) {
        RefreshReport r = last();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", r.asOf().toString());
        m.put("customers", r.rfmGroupSizes().values().stream().mapToLong(Long::longValue).sum());
        m.put("groups", r.rfmGroupSizes());
        m.put("bins", intelligence.service().settings().rfmBins());
        Json.send(ctx, 200, m);
    }

    private void models(Context ctx) {
        RefreshReport r = last();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("as_of", r.asOf().toString());
        m.put("trigger", r.trigger());
        m.put("parts", r.parts());
        m.put("models", r.models());
        m.put("problems", r.problems());
        m.put("schedule", intelligence.scheduleView());
        Json.send(ctx, 200, m);
    }

    private Recommender recommender() {
        RefreshReport r = last();
        return intelligence.service().recommender().orElseThrow(() -> new ApiError(404, "the last refresh (" + r.asOf()
                + ") mined no rules: there were no Order Completed events with products[].product_id; "
                + String.join("; ", r.problems())));
    }

    private void forProfile(Context ctx) {
        String raw = ctx.pathParam("id");
        String id = store.resolve(raw);
        if (id == null) throw new ApiError(404, "no profile has the id \"" + raw + "\" (tried userId, anonymousId and profile id)", "id", List.of());
        List<Object> data = recommender().forProfile(intelligence.service().purchased(id), Paging.limit(ctx)).stream().map(IntelligenceRoutes::view).toList();
        Map<String, Object> page = Paging.page(data, null);
        page.put("profile_id", id);
        Json.send(ctx, 200, page);
    }

    private void forProduct(Context ctx) {
        String product = ctx.pathParam("id");
        List<Object> data = recommender().forProduct(product, Paging.limit(ctx)).stream().map(IntelligenceRoutes::view).toList();
        Map<String, Object> page = Paging.page(data, null);
        page.put("product_id", product);
        Json.send(ctx, 200, page);
    }

    private static Object view(Recommender.Recommendation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("item", r.item());
        m.put("lift", r.lift());
        m.put("confidence", r.confidence());
        m.put("because", RefreshReport.rule(r.because()));
        return m;
    }
}
