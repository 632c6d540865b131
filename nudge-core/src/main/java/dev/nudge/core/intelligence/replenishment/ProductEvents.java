package dev.nudge.core.intelligence.replenishment;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import dev.nudge.core.intelligence.OrderEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads product purchases from {@code Order Completed} events ({@code products[]} per the Segment
 * e-commerce spec): by {@code product_id} (falling back to {@code sku}), or by {@code category}.
 */
public final class ProductEvents {

    /** Which key of a product line identifies what gets replenished. */
    public enum Key { PRODUCT, CATEGORY }

    private ProductEvents() {}

    public static List<ProductPurchase> purchases(String profileId, Iterable<Event> events, Key key) {
        List<ProductPurchase> out = new ArrayList<>();
        for (Event e : events) {
            if (e.type() != EventType.TRACK || !OrderEvents.ORDER_COMPLETED.equals(e.name())) continue;
            if (!(e.properties().get("products") instanceof List<?> products)) continue;
            for (Object o : products) {
                if (!(o instanceof Map<?, ?> line)) continue;
                Object id = key == Key.CATEGORY ? line.get("category") : line.get("product_id");
                if (id == null && key == Key.PRODUCT) id = line.get("sku");
                if (id != null) out.add(new ProductPurchase(profileId, id.toString(), e.timestamp()));
            }
        }
        return out;
    }
}
