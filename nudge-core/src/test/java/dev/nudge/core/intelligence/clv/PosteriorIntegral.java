package dev.nudge.core.intelligence.clv;

/**
 * E[Y(t) | x, t_x, T] and P(alive | x, t_x, T) by brute-force integration over (λ, p), with no
 * hypergeometric function: an independent check of the closed forms in {@link BgNbd}.
 *
 * <p>Given λ and p, the data have likelihood (1−p)^x λ^x e^(−λT) (alive) plus, when x &gt; 0,
 * p(1−p)^(x−1) λ^x e^(−λ t_x) (left after the last purchase); an alive customer buys
 * (1 − e^(−λpt))/p times in the next t. The priors' singularities at 0 are removed by λ = v^(1/r),
 * p = u^(1/a) (then λ^(r−1)dλ ∝ dv and p^(a−1)dp ∝ du), and a midpoint rule does the rest.
 */
final class PosteriorIntegral {

    private static final int N = 800;

    private PosteriorIntegral() {}

    static double[] expectedAndAlive(BgNbdParams prm, int x, double tx, double T, double t) {
        double r = prm.r(), alpha = prm.alpha(), a = prm.a(), b = prm.b();
        double lambdaMax = 80.0 / (alpha + tx);
        double vMax = Math.pow(lambdaMax, r);
        double num = 0, alive = 0, all = 0;
        for (int i = 0; i < N; i++) {
            double v = (i + 0.5) / N * vMax;
            double lambda = Math.pow(v, 1 / r);
            double lamX = Math.exp(x * Math.log(lambda));
            double eT = Math.exp(-lambda * (alpha + T));
            double eTx = Math.exp(-lambda * (alpha + tx));
            for (int j = 0; j < N; j++) {
                double u = (j + 0.5) / N;
                double p = Math.pow(u, 1 / a);
                double w = Math.pow(1 - p, b - 1);
                double aliveL = w * Math.pow(1 - p, x) * lamX * eT;
                double leftL = x > 0 ? w * p * Math.pow(1 - p, x - 1) * lamX * eTx : 0;
                alive += aliveL;
                all += aliveL + leftL;
                num += aliveL * (-Math.expm1(-lambda * p * t) / p);
            }
        }
        return new double[] {num / all, alive / all};
    }
}
