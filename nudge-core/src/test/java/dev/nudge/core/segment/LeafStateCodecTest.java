package dev.nudge.core.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LeafStateCodecTest {
    @Test
    void entries_roundTripEveryDoubleBitForBit_includingCentsNegativesAndSpecialValues() {
        long seed = 11;
        Random r = new Random(seed);
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, -1e300, 1e-300, 12.99, -0.01, 1e12, 123456789.12, Long.MAX_VALUE};
        for (int round = 0; round < 500; round++) {
            int n = r.nextInt(8);
            long[] ts = new long[n];
            long[] bits = new long[n];
            long t = r.nextLong(1L << 41);
            for (int i = 0; i < n; i++) {
                t += r.nextInt(100_000);
                ts[i] = t;
                double x = switch (r.nextInt(4)) {
                    case 0 -> specials[r.nextInt(specials.length)];
                    case 1 -> r.nextInt(100_000) / 100.0 * (r.nextBoolean() ? 1 : -1);
                    case 2 -> r.nextInt(1000);
                    default -> Double.longBitsToDouble(r.nextLong());
                };
                bits[i] = Double.doubleToRawLongBits(x);
            }
            Bytes.Out o = new Bytes.Out();
            LeafState.write(new LeafState.Entries(ts, bits), o);
            LeafState.Entries back = (LeafState.Entries) LeafState.read(new Bytes.In(o.toByteArray()));
            assertThat(back.ts()).as("seed %d round %d", seed, round).containsExactly(ts);
            assertThat(back.bits()).as("seed %d round %d", seed, round).containsExactly(bits);
        }
    }

    @Test
    void decode_ofTruncatedBytes_failsWithAMessageThatSaysToRebuild() {
        Bytes.Out o = new Bytes.Out();
        LeafState.write(new LeafState.Recent(new long[] {1, 2, 3}), o);
        byte[] b = o.toByteArray();
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LeafState.read(new Bytes.In(cut)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rebuild");
    }
}
