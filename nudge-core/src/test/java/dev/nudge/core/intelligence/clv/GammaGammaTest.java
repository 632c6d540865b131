package dev.nudge.core.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

class GammaGammaTest {

    static final GammaGammaParams CDNOW = new GammaGammaParams(6.25, 3.74, 15.44);

    @Test
    void logLikelihood_oneTransaction_isTheLomaxLikeMarginalDensity() {
        // x = 1: z ~ Gamma(p, ν), ν ~ Gamma(q, γ) ⇒ f(z) = Γ(p+q)/(Γ(p)Γ(q)) γ^q z^(p−1) / (z+γ)^(p+q)
        double p = CDNOW.p(), q = CDNOW.q(), g = CDNOW.gamma(), z = 30;
        double direct = LogMath.lgamma(p + q) - LogMath.lgamma(p) - LogMath.lgamma(q) + q * Math.log(g)
                + (p - 1) * Math.log(z) - (p + q) * Math.log(z + g);
        assertThat(GammaGamma.logLikelihood(CDNOW, 1, z)).isCloseTo(direct, within(1e-12));
    }

    @Test
    void expectedOrderValue_withoutRepeatPurchases_isThePopulationMean() {
        GammaGamma m = new GammaGamma(CDNOW);
        assertThat(m.expectedOrderValue(0, 0)).isCloseTo(CDNOW.p() * CDNOW.gamma() / (CDNOW.q() - 1), within(1e-12));
    }

    @Test
    void expectedOrderValue_manyPurchases_approachesTheCustomersOwnMean() {
        GammaGamma m = new GammaGamma(CDNOW);
        assertThat(m.expectedOrderValue(10_000, 80)).isCloseTo(80, within(0.1));
        double few = m.expectedOrderValue(1, 80), many = m.expectedOrderValue(20, 80);
        assertThat(Math.abs(many - 80)).isLessThan(Math.abs(few - 80));
    }

    @Test
    void expectedOrderValue_withoutFiniteMean_explains() {
        GammaGamma m = new GammaGamma(new GammaGammaParams(2, 0.9, 10));
        assertThatThrownBy(() -> m.expectedOrderValue(1, 5)).hasMessageContaining("q = 0.9 <= 1");
    }

    @Test
    void fit_onSeededSimulatedSpend_recoversTheParameters() {
        long seed = 11L;
        GammaGammaParams truth = new GammaGammaParams(4, 5, 20);
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        List<CustomerSummary> customers = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            int x = 1 + rng.nextInt(0, 9);
            double nu = rng.nextGamma(truth.q(), 1 / truth.gamma());
            double sum = 0;
            for (int k = 0; k < x; k++) sum += rng.nextGamma(truth.p(), 1 / nu);
            customers.add(new CustomerSummary("c" + i, x, 1, 2, sum / x));
        }
        GammaGamma.GammaGammaFit fit = GammaGamma.fit(customers, 30);
        String why = "seed " + seed + ", fitted " + fit.params();
        double truthLl = customers.stream().mapToDouble(c -> GammaGamma.logLikelihood(truth, c.x(), c.zbar())).sum();
        assertThat(fit.logLikelihood()).as(why).isGreaterThanOrEqualTo(truthLl - 1e-6);
        // p, q and γ trade off against each other; the mean spend pγ/(q−1) is pinned down tightly
        double mean = fit.params().p() * fit.params().gamma() / (fit.params().q() - 1);
        assertThat(mean).as(why).isCloseTo(truth.p() * truth.gamma() / (truth.q() - 1), within(0.6));
        assertThat(fit.params().p()).as(why).isCloseTo(truth.p(), within(0.8));
        assertThat(fit.params().q()).as(why).isCloseTo(truth.q(), within(1.0));
    }

    @Test
    void regroupedSum_equalsTheSumOfIndividualLogLikelihoods() {
        List<CustomerSummary> c = List.of(new CustomerSummary("a", 1, 1, 2, 10), new CustomerSummary("b", 3, 1, 2, 25.5),
                new CustomerSummary("c", 3, 1, 2, 7), new CustomerSummary("d", 12, 1, 2, 40));
        double direct = c.stream().mapToDouble(x -> GammaGamma.logLikelihood(CDNOW, x.x(), x.zbar())).sum();
        assertThat(new GammaGamma.SpendSums(c).logLikelihood(CDNOW)).isCloseTo(direct, within(1e-9));
    }

    @Test
    void fit_tooFewRepeatBuyers_explainsWhatIsMissing() {
        List<CustomerSummary> few = List.of(new CustomerSummary("a", 1, 1, 2, 10), new CustomerSummary("b", 0, 0, 2, 0));
        assertThatThrownBy(() -> GammaGamma.fit(few, 30)).isInstanceOf(InsufficientDataException.class)
                .hasMessageContaining("only 1 repeat buyers").hasMessageContaining("at least 30");
    }
}
