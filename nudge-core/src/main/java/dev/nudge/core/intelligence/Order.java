package dev.nudge.core.intelligence;

import java.time.Instant;
import java.util.Objects;

/**
 * One purchase or refund of a customer: the common input of RFM, BG/NBD and Gamma-Gamma.
 *
 * <p>Invariants, checked when built: a customer id, an order id and an instant; a finite amount.
 * A {@link Kind#COMPLETED} order carries its revenue (normally positive); a {@link Kind#REFUNDED}
 * one carries the refunded amount as a positive or negative number — consumers always subtract its
 * absolute value, so both sign conventions of upstream systems give the same result.
 *
 * @param customerId the profile id (after identity resolution)
 * @param orderId the shop's order id; refunds keep the id of the refund document
 * @param at event time of the order
 * @param amount revenue of the order (or amount refunded)
 */
public record Order(String customerId, String orderId, Instant at, double amount, Kind kind) {

    /** Whether the order adds to (completed) or takes away from (refunded) a customer's value. */
    public enum Kind { COMPLETED, REFUNDED }

    public Order {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(amount)) {
            throw new IllegalArgumentException("order " + orderId + " of customer " + customerId
                    + " has a non-finite amount " + amount + "; fix the revenue value in the source data");
        }
    }

    public static Order completed(String customerId, String orderId, Instant at, double revenue) {
        return new Order(customerId, orderId, at, revenue, Kind.COMPLETED);
    }

    public static Order refunded(String customerId, String orderId, Instant at, double amount) {
        return new Order(customerId, orderId, at, amount, Kind.REFUNDED);
    }

    public boolean isRefund() {
        return kind == Kind.REFUNDED;
    }

    /** The signed contribution to monetary value: revenue for orders, minus |amount| for refunds. */
    public double signedAmount() {
        return isRefund() ? -Math.abs(amount) : amount;
    }
}
