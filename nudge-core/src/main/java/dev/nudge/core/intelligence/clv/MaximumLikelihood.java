package dev.nudge.core.intelligence.clv;

import java.util.function.ToDoubleFunction;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.PowellOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Maximises a log-likelihood over the logarithms of positive parameters with Hipparchus.
 *
 * <p>Why log-parameters: every BG/NBD and Gamma-Gamma parameter must be positive; optimising
 * ln θ keeps them positive with no constraint and makes the surface better scaled (α is ~5 while
 * r is ~0.2). Nelder-Mead is restarted from its own best point until a restart no longer improves
 * the likelihood (a collapsed simplex is the usual way it stops early), then Powell polishes along
 * conjugate directions; the better of the two is returned. Non-finite values (parameters that
 * underflow) count as the worst possible value, so the search walks away from them.
 */
final class MaximumLikelihood {

    /** Stop restarting when a whole restart improves the log-likelihood by less than this. */
    private static final double RESTART_TOLERANCE = 1e-10;
    private static final int MAX_RESTARTS = 30;
    private static final double LOG_BOUND = 30; // |ln θ| beyond this is e^±30: a degenerate fit

    private MaximumLikelihood() {}

    /** The log-parameters maximising {@code logLikelihood}, starting at {@code start}, with the maximum. */
    static PointValuePair maximize(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        ObjectiveFunction f = new ObjectiveFunction(point -> {
            for (double v : point) if (Math.abs(v) > LOG_BOUND) return Double.MAX_VALUE;
            double ll = logLikelihood.applyAsDouble(point);
            return Double.isFinite(ll) ? -ll : Double.MAX_VALUE;
        });
        double[] best = start.clone();
        double bestValue = Double.MAX_VALUE;
        SimplexOptimizer simplex = new SimplexOptimizer(1e-13, 1e-13);
        for (int i = 0; i < MAX_RESTARTS; i++) {
            PointValuePair p = simplex.optimize(new MaxEval(50_000), f, GoalType.MINIMIZE,
                    new InitialGuess(best), new NelderMeadSimplex(start.length, 0.5));
            boolean improved = p.getValue() < bestValue - RESTART_TOLERANCE * Math.max(1, Math.abs(p.getValue()));
            if (p.getValue() < bestValue) {
                best = p.getPoint();
                bestValue = p.getValue();
            }
            if (!improved && i > 0) break;
        }
        try {
            PointValuePair polished = new PowellOptimizer(1e-14, 1e-14).optimize(new MaxEval(50_000), f,
                    GoalType.MINIMIZE, new InitialGuess(best));
            if (polished.getValue() < bestValue) {
                best = polished.getPoint();
                bestValue = polished.getValue();
            }
        } catch (RuntimeException polishFailed) {
            // Powell's line search can fail on a flat ridge; the Nelder-Mead optimum stands.
        }
        if (bestValue == Double.MAX_VALUE) {
            throw new ArithmeticException("the likelihood is not finite anywhere the optimiser looked; "
                    + "check the input for customers with impossible summaries");
        }
        return new PointValuePair(best, -bestValue);
    }
}
