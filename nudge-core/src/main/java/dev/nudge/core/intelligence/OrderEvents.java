package dev.nudge.core.intelligence;

import dev.nudge.core.event.Event;
import dev.nudge.core.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads orders out of ingested events, following the Segment e-commerce spec: {@code Order Completed}
 * and {@code Order Refunded} track calls with {@code order_id} and {@code revenue} (falling back to
 * {@code total}, then to {@code value}). A refund without an amount is ignored for monetary value
 * (it cannot be subtracted) — the spec allows partial refunds, so guessing the full order would be wrong.
 */
public final class OrderEvents {

    public static final String ORDER_COMPLETED = "Order Completed";
    public static final String ORDER_REFUNDED = "Order Refunded";

    private OrderEvents() {}

    /** The order carried by {@code e}, if it is an order or refund event with an amount. */
    public static Optional<Order> toOrder(String profileId, Event e) {
        if (e.type() != EventType.TRACK) return Optional.empty();
        boolean completed = ORDER_COMPLETED.equals(e.name());
        boolean refunded = ORDER_REFUNDED.equals(e.name());
        if (!completed && !refunded) return Optional.empty();
        Double amount = number(e, "revenue");
        if (amount == null) amount = number(e, "total");
        if (amount == null) amount = number(e, "value");
        if (amount == null) {
            if (refunded) return Optional.empty();
            amount = 0.0; // an order without revenue still counts for recency and frequency
        }
        Object id = e.properties().get("order_id");
        String orderId = id == null ? e.messageId() : id.toString();
        return Optional.of(new Order(profileId, orderId, e.timestamp(), amount,
                completed ? Order.Kind.COMPLETED : Order.Kind.REFUNDED));
    }

    /** Every order in {@code events} of one profile, in the order given. */
    public static List<Order> orders(String profileId, Iterable<Event> events) {
        List<Order> out = new ArrayList<>();
        for (Event e : events) toOrder(profileId, e).ifPresent(out::add);
        return out;
    }

    private static Double number(Event e, String key) {
        Object v = e.properties().get(key);
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("event " + e.messageId() + ": property " + key + " is '" + s
                        + "', not a number; send revenue as a JSON number such as 19.99");
            }
        }
        return null;
    }
}
