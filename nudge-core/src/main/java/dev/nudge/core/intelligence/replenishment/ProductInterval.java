package dev.nudge.core.intelligence.replenishment;

/**
 * The typical re-purchase interval of one product.
 *
 * @param medianDays median of the pooled intervals, in days
 * @param intervals how many intervals were pooled
 * @param customers how many customers bought the product on two or more days
 */
public record ProductInterval(String productId, double medianDays, int intervals, int customers) {

    public ProductInterval {
        if (!(medianDays > 0) || intervals < 1 || customers < 1) {
            throw new IllegalArgumentException("product " + productId + ": interval " + medianDays + " d from "
                    + intervals + " intervals of " + customers + " customers");
        }
    }
}
