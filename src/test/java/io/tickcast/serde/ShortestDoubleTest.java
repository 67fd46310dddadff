package io.tickcast.serde;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ShortestDouble} writes the characters of Jackson's Schubfach writer ({@code DoubleToDecimal.toString}, what
 * {@code USE_FAST_DOUBLE_WRITER} writes), which read back ({@link Double#parseDouble}) to the same bits: on edge doubles,
 * every power of two and of ten and their neighbours, and random doubles (seeded).
 */
class ShortestDoubleTest {

    private final ShortestDouble w = new ShortestDouble();

    private void check(double d) {
        int n = w.format(d);
        String mine = new String(w.chars(), 0, n);
        assertEquals(DoubleToDecimal.toString(d), mine, () -> "bits " + Long.toHexString(Double.doubleToRawLongBits(d)));
        assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(Double.parseDouble(mine)), mine);
    }

    private void checkBoth(double d) {
        check(d);
        check(-d);
    }

    @Test
    void edges() {
        double[] edges = {0.0, 1.0, 0.1, 0.2, 0.1 + 0.2, 0.3, 1.0 / 3, Double.MIN_VALUE, 2 * Double.MIN_VALUE,
                3 * Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Math.nextUp(Double.MIN_NORMAL),
                Double.MAX_VALUE, Math.nextDown(Double.MAX_VALUE), 1e-3, Math.nextDown(1e-3), 9.999e-4, 1e7,
                Math.nextDown(1e7), 9999999.0, 12345678.9, 1e23, 8.41e21, 2e-3, 4.35, 100, 1e16, 1e17, 123e15,
                Long.MAX_VALUE, (double) (1L << 53), (double) (1L << 53) + 2, 1e-300, 1e300, Math.PI, Math.E,
                18342.25, 0.95, 5e-310, 2.2250738585072011e-308, 1.0E-5, 9.9999999E-4, 0.001, 1234567.0, 0.5, 1e22};
        for (double d : edges) {
            checkBoth(d);
        }
        for (int e = -325; e <= 309; e++) {
            double p = Double.parseDouble("1e" + e);
            if (Double.isFinite(p)) {
                checkBoth(p);
                checkBoth(Math.nextUp(p));
                checkBoth(Math.nextDown(p));
            }
        }
        for (int e = -1074; e <= 1023; e++) {
            double p = Math.scalb(1.0, e);
            checkBoth(p);
            checkBoth(Math.nextUp(p));
            if (p > Double.MIN_VALUE) {
                checkBoth(Math.nextDown(p));
            }
        }
        for (long i = 0; i < 10_000; i++) {
            checkBoth(i);
            checkBoth(i / 100.0);
            checkBoth(Double.longBitsToDouble(i)); // subnormals
        }
    }

    @Test
    void randomDoubles() {
        SplittableRandom rng = new SplittableRandom(20261206);
        for (int i = 0; i < 1_000_000; i++) {
            double bits = Double.longBitsToDouble(rng.nextLong());
            if (Double.isFinite(bits)) {
                check(bits);
            }
            check(rng.nextDouble() * 1e6 - 5e5);
            check(100 * Math.exp(rng.nextGaussian()));
            check(Math.round(rng.nextDouble() * 1e8) / 1e4);
        }
    }

    @Test
    void refusesNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> w.format(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> w.format(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> w.format(Double.NEGATIVE_INFINITY));
    }
}
