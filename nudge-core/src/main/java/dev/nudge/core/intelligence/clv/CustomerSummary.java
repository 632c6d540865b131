package dev.nudge.core.intelligence.clv;

import java.util.Objects;

/**
 * The sufficient statistics of one customer for BG/NBD and Gamma-Gamma, in weeks.
 *
 * <p>Invariants, checked when built: {@code x >= 0} repeat purchase days, {@code 0 <= tx <= T},
 * {@code tx == 0} when {@code x == 0}, and a non-negative finite {@code zbar} (the mean value of the
 * repeat purchase days; 0 when {@code x == 0}).
 *
 * @param x number of repeat purchase days in the calibration period (the first purchase is not counted)
 * @param tx weeks from the first purchase to the last repeat purchase (0 when x = 0)
 * @param T weeks from the first purchase to the end of the calibration period
 * @param zbar mean value of the repeat purchase days (the Gamma-Gamma input)
 */
public record CustomerSummary(String id, int x, double tx, double T, double zbar) {

    public CustomerSummary {
        Objects.requireNonNull(id, "id");
        if (x < 0) throw new IllegalArgumentException("customer " + id + ": x = " + x + " repeat purchases, must be >= 0");
        if (!(T >= 0) || !Double.isFinite(T)) {
            throw new IllegalArgumentException("customer " + id + ": T = " + T
                    + " weeks; the first purchase must not be after the calibration end");
        }
        if (!(tx >= 0) || tx > T + 1e-9) {
            throw new IllegalArgumentException("customer " + id + ": t_x = " + tx + " must lie in [0, T = " + T + "]");
        }
        if (x == 0 && tx != 0) {
            throw new IllegalArgumentException("customer " + id + ": t_x = " + tx + " but x = 0; t_x is 0 without repeat purchases");
        }
        if (!(zbar >= 0) || !Double.isFinite(zbar)) {
            throw new IllegalArgumentException("customer " + id + ": mean repeat value " + zbar + " must be finite and >= 0");
        }
    }

    public boolean isRepeatBuyer() {
        return x > 0;
    }
}
