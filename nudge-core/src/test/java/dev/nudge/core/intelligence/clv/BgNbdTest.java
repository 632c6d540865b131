package dev.nudge.core.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

class BgNbdTest {

    static final BgNbdParams CDNOW = new BgNbdParams(0.243, 4.414, 0.793, 2.426);

    @Test
    void logLikelihood_smallX_matchesPaperFormulaEvaluatedDirectly() {
        // eq. 6 of Fader, Hardie & Lee (2005) with plain Γ, B and powers (no logs), fine for small x
        double r = CDNOW.r(), al = CDNOW.alpha(), a = CDNOW.a(), b = CDNOW.b();
        int[] xs = {0, 1, 2, 5};
        double[] txs = {0, 10.5, 30.43, 36};
        double[] Ts = {38.86, 20, 38.86, 38};
        for (int i = 0; i < xs.length; i++) {
            int x = xs[i];
            double tx = txs[i], T = Ts[i];
            double common = Gamma.gamma(r + x) * Math.pow(al, r) / Gamma.gamma(r);
            double l = Math.exp(Beta.logBeta(a, b + x) - Beta.logBeta(a, b)) * common * Math.pow(al + T, -(r + x));
            if (x > 0) {
                l += Math.exp(Beta.logBeta(a + 1, b + x - 1) - Beta.logBeta(a, b)) * common * Math.pow(al + tx, -(r + x));
            }
            assertThat(BgNbd.logLikelihood(CDNOW, x, tx, T)).as("x=%d", x).isCloseTo(Math.log(l), within(1e-10));
        }
    }

    @Test
    void logLikelihood_heavyBuyer_staysFinite() {
        double ll = BgNbd.logLikelihood(CDNOW, 2000, 51.9, 52);
        assertThat(ll).isFinite(); // a density in t_x and T: positive values are legitimate
        assertThat(new BgNbd(CDNOW).probabilityAlive(2000, 51.9, 52)).isBetween(0.0, 1.0);
        assertThat(new BgNbd(CDNOW).conditionalExpectedPurchases(52, 2000, 51.9, 52)).isFinite().isPositive();
    }

    @Test
    void probabilityAlive_withoutRepeatPurchases_isOne() {
        assertThat(new BgNbd(CDNOW).probabilityAlive(0, 0, 38)).isEqualTo(1.0);
    }

    @Test
    void probabilityAlive_fallsAsTheLastPurchaseRecedes() {
        BgNbd m = new BgNbd(CDNOW);
        double recent = m.probabilityAlive(3, 37, 38), old = m.probabilityAlive(3, 5, 38);
        assertThat(recent).isGreaterThan(old);
        assertThat(old).isGreaterThan(0).isLessThan(1);
    }

    @Test
    void expectedPurchases_matchesSeededSimulation() {
        long seed = 20260601L;
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        int n = 200_000;
        double t = 39;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++) {
            int k = Simulation.customer(rng, CDNOW, t).size();
            sum += k;
            sumSq += (double) k * k;
        }
        double mean = sum / n, se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertThat(new BgNbd(CDNOW).expectedPurchases(t)).as("seed %d, simulated mean %.4f ± %.4f", seed, mean, se)
                .isCloseTo(mean, within(4 * se));
    }

    @Test
    void conditionalExpectation_andPAlive_matchNumericalIntegrationOverThePosterior() {
        double[][] cases = {{2, 30.43, 38.86, 39}, {0, 0, 38.86, 52}, {7, 20, 38, 10}, {1, 37, 38, 104}};
        for (double[] c : cases) {
            int x = (int) c[0];
            double tx = c[1], T = c[2], t = c[3];
            double[] numeric = PosteriorIntegral.expectedAndAlive(CDNOW, x, tx, T, t);
            BgNbd m = new BgNbd(CDNOW);
            assertThat(m.conditionalExpectedPurchases(t, x, tx, T)).as("E[Y] x=%d tx=%s T=%s t=%s", x, tx, T, t)
                    .isCloseTo(numeric[0], within(2e-4 * Math.max(1, numeric[0])));
            assertThat(m.probabilityAlive(x, tx, T)).as("P(alive) x=%d", x).isCloseTo(numeric[1], within(2e-4));
        }
    }

    @Test
    void fit_onSeededSimulatedCustomers_recoversTheParameters() {
        long seed = 7L;
        BgNbdParams truth = new BgNbdParams(0.6, 5.0, 1.4, 3.0);
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            double T = 26 + rng.nextUniform(0, 26);
            List<Double> times = Simulation.customer(rng, truth, T);
            double tx = times.isEmpty() ? 0 : times.get(times.size() - 1);
            customers.add(new CustomerSummary("c" + i, times.size(), tx, T, 0));
        }
        BgNbdFit fit = BgNbdFit.fit(customers, DataRequirements.defaults());
        String why = "seed " + seed + ", fitted " + fit.params();
        assertThat(fit.logLikelihood()).as(why).isGreaterThanOrEqualTo(BgNbdFit.logLikelihood(truth, customers) - 1e-6);
        assertThat(fit.params().r()).as(why).isCloseTo(truth.r(), within(0.1));
        assertThat(fit.params().alpha()).as(why).isCloseTo(truth.alpha(), within(1.0));
        assertThat(fit.params().a()).as(why).isCloseTo(truth.a(), within(0.6));
        assertThat(fit.params().b()).as(why).isCloseTo(truth.b(), within(1.5));
    }
}
