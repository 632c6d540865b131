package dev.nudge.core.intelligence.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LogMathTest {

    @Test
    void log2F1_matchesClosedForm_logarithm() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        for (double z : new double[] {0.001, 0.3, 0.9, 0.999}) {
            double expected = Math.log(-Math.log1p(-z) / z);
            assertThat(LogMath.log2F1(1, 1, 2, z)).as("z=%s", z).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void log2F1_matchesClosedForm_binomial() {
        // 2F1(a, b; b; z) = (1 - z)^-a, including large a where the terms first grow past 1e250
        for (double a : new double[] {0.243, 3.5, 800}) {
            for (double z : new double[] {0.2, 0.7, 0.95}) {
                assertThat(LogMath.log2F1(a, 2.5, 2.5, z)).as("a=%s z=%s", a, z)
                        .isCloseTo(-a * Math.log1p(-z), within(1e-9 * Math.max(1, a)));
            }
        }
    }

    @Test
    void log2F1_zeroArgument_isZero() {
        assertThat(LogMath.log2F1(2, 3, 4, 0)).isEqualTo(0.0);
    }

    @Test
    void log2F1_outsideSeriesDomain_isRejected() {
        assertThatThrownBy(() -> LogMath.log2F1(1, 1, 2, 1.0)).hasMessageContaining("0 <= z < 1");
        assertThatThrownBy(() -> LogMath.log2F1(-1, 1, 2, 0.5)).hasMessageContaining("a, b, c > 0");
    }

    @Test
    void logSumExp_largeExponents_doNotOverflow() {
        assertThat(LogMath.logSumExp(1000, 1000)).isCloseTo(1000 + Math.log(2), within(1e-12));
        assertThat(LogMath.logSumExp(-1000, Double.NEGATIVE_INFINITY)).isEqualTo(-1000);
        assertThat(LogMath.logSumExp(5, -800)).isCloseTo(5, within(1e-15));
    }
}
