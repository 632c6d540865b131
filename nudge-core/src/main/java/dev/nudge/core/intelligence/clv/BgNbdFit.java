package dev.nudge.core.intelligence.clv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.optim.PointValuePair;

/**
 * The maximum-likelihood BG/NBD fit of a set of customers.
 *
 * @param params the fitted parameters
 * @param logLikelihood the summed log-likelihood at {@code params}
 * @param customers how many customers were fitted
 */
public record BgNbdFit(BgNbdParams params, double logLikelihood, int customers) {

    /**
     * Fits BG/NBD by maximum likelihood after checking {@code requirements} (which throws
     * {@link InsufficientDataException} explaining what is missing).
     *
     * <p>Customers with the same (x, t_x, T) contribute identical terms, so the likelihood is summed
     * over distinct triples with their counts, and the Γ terms once per distinct x: a million customers with weekly dates have only tens
     * of thousands of distinct triples, which is what makes a full-base refit cheap.
     */
    public static BgNbdFit fit(List<CustomerSummary> customers, DataRequirements requirements) {
        requirements.check(customers);
        Map<Triple, Integer> counts = new HashMap<>();
        for (CustomerSummary c : customers) counts.merge(new Triple(c.x(), c.tx(), c.T()), 1, Integer::sum);
        int n = counts.size();
        int[] xs = new int[n];
        double[] txs = new double[n], Ts = new double[n], weights = new double[n];
        int i = 0;
        List<Map.Entry<Triple, Integer>> sorted = new java.util.ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Triple::x)));
        for (var e : sorted) {
            xs[i] = e.getKey().x;
            txs[i] = e.getKey().tx;
            Ts[i] = e.getKey().T;
            weights[i++] = e.getValue();
        }
        PointValuePair best = MaximumLikelihood.maximize(logParams -> {
            BgNbdParams p = BgNbdParams.fromLog(logParams);
            double sum = 0;
            int headX = -1;
            double head = 0;
            for (int k = 0; k < n; k++) { // sorted by x: the Γ terms are computed once per distinct x
                if (xs[k] != headX) {
                    headX = xs[k];
                    head = BgNbd.logLikelihoodHead(p, headX);
                }
                sum += weights[k] * (head + BgNbd.logLikelihoodTail(p, xs[k], txs[k], Ts[k]));
            }
            return sum;
        }, new double[] {0, 0, 0, 0});
        return new BgNbdFit(BgNbdParams.fromLog(best.getPoint()), best.getValue(), customers.size());
    }

    /** The summed log-likelihood of {@code customers} at {@code params} (no fitting). */
    public static double logLikelihood(BgNbdParams params, List<CustomerSummary> customers) {
        double sum = 0;
        for (CustomerSummary c : customers) sum += BgNbd.logLikelihood(params, c.x(), c.tx(), c.T());
        return sum;
    }

    private record Triple(int x, double tx, double T) {}
}
