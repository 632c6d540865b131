package dev.nudge.core.intelligence.clv;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;

/** Draws customers from the BG/NBD story itself, as an independent check of the closed forms. */
final class Simulation {

    private Simulation() {}

    /**
     * The repeat purchase times in (0, T] of one new customer: λ ~ Gamma(r, 1/α), p ~ Beta(a, b);
     * exponential gaps of rate λ; after each repeat purchase the customer leaves with probability p.
     */
    static List<Double> customer(RandomDataGenerator rng, BgNbdParams p, double T) {
        double lambda = rng.nextGamma(p.r(), 1 / p.alpha());
        double drop = rng.nextBeta(p.a(), p.b());
        List<Double> times = new ArrayList<>();
        double now = 0;
        while (true) {
            now += rng.nextExponential(1 / lambda);
            if (now > T) return times;
            times.add(now);
            if (rng.nextUniform(0, 1) < drop) return times;
        }
    }
}
