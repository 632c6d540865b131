package dev.nudge.core.intelligence.clv;

import java.util.ArrayList;
import java.util.List;

/**
 * What a BG/NBD fit needs before its parameters mean anything.
 *
 * <p>Why these three: the dropout parameters (a, b) are identified only by repeat buyers who then
 * stop, so too few repeat buyers leave them to the optimiser's whim; the purchase-rate parameters
 * need a calibration period long enough for typical inter-purchase gaps to show up; and any
 * likelihood fit over a handful of customers is noise. Defaults are modest (CDNOW's 2,357-customer
 * sample passes easily); a shop may raise them.
 *
 * @param minCustomers customers with at least one purchase in the calibration period
 * @param minRepeatBuyers customers with x &gt; 0
 * @param minHistoryWeeks the longest customer age T, i.e. how far the history reaches back
 */
public record DataRequirements(int minCustomers, int minRepeatBuyers, double minHistoryWeeks) {

    public DataRequirements {
        if (minCustomers < 1 || minRepeatBuyers < 1 || !(minHistoryWeeks >= 0)) {
            throw new IllegalArgumentException("data requirements must be positive: customers " + minCustomers
                    + ", repeat buyers " + minRepeatBuyers + ", history weeks " + minHistoryWeeks);
        }
    }

    public static DataRequirements defaults() {
        return new DataRequirements(100, 30, 12);
    }

    /** Every unmet requirement, each explained; empty when the data suffice. */
    public List<String> problems(List<CustomerSummary> customers) {
        List<String> out = new ArrayList<>();
        long repeat = customers.stream().filter(CustomerSummary::isRepeatBuyer).count();
        double history = customers.stream().mapToDouble(CustomerSummary::T).max().orElse(0);
        if (customers.size() < minCustomers) {
            out.add("only " + customers.size() + " customers with a purchase in the calibration period; at least "
                    + minCustomers + " are needed for stable parameters");
        }
        if (repeat < minRepeatBuyers) {
            out.add("only " + repeat + " repeat buyers (customers with a second purchase day); at least " + minRepeatBuyers
                    + " are needed to estimate how customers drop out — extend the calibration period or wait for more orders");
        }
        if (history < minHistoryWeeks) {
            out.add(String.format(java.util.Locale.ROOT, "the history spans only %.1f weeks; at least %.1f weeks are needed"
                    + " to observe repeat purchases — move the calibration end later", history, minHistoryWeeks));
        }
        return out;
    }

    /** Throws {@link InsufficientDataException} listing every unmet requirement. */
    public void check(List<CustomerSummary> customers) {
        List<String> p = problems(customers);
        if (!p.isEmpty()) throw new InsufficientDataException(p);
    }
}
