package dev.nudge.core.intelligence.replenishment;

import java.time.Instant;
import java.util.Objects;

/** A customer bought a product (or a category, when replenishment is tracked per category) at an instant. */
public record ProductPurchase(String customerId, String productId, Instant at) {

    public ProductPurchase {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(at, "at");
    }
}
