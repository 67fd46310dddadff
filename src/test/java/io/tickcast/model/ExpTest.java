package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link Exp#exp} against {@link StrictMath#exp} (fdlibm, correctly rounded to within one ulp). */
class ExpTest {

    /** Error in units in the last place of the reference. */
    private static double ulps(double x) {
        double ref = StrictMath.exp(x);
        return Math.abs(Exp.exp(x) - ref) / Math.ulp(ref);
    }

    private static double maxUlps(SplittableRandom rnd, double lo, double hi, int n) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, ulps(lo + (hi - lo) * rnd.nextDouble()));
        }
        return max;
    }

    @Test
    void withinTwoUlpOverTheWholeNormalRange() {
        SplittableRandom rnd = new SplittableRandom(7);
        // The gate arguments live in [-40, 40]; the rest of the range is covered too.
        assertTrue(maxUlps(rnd, -40, 40, 1_000_000) <= 2.0);
        assertTrue(maxUlps(rnd, -708, 708, 1_000_000) <= 2.0);
        assertTrue(maxUlps(rnd, -1e-3, 1e-3, 200_000) <= 2.0);
        assertTrue(maxUlps(rnd, -1e-12, 1e-12, 10_000) <= 1.0);
    }

    @Test
    void everyTableEntryAndTheBoundariesBetweenThem() {
        // x = (k + 1/2) ln2 / 128 sits where the reduction switches table entries.
        double step = Math.log(2) / 128;
        for (int k = -2000; k <= 2000; k++) {
            for (double off : new double[] {-0.5, -0.4999999, 0, 0.4999999, 0.5}) {
                double x = (k + off) * step;
                assertTrue(ulps(x) <= 2.0, () -> "x = " + x + ": " + ulps(x) + " ulp");
            }
        }
    }

    @Test
    void exactAtZeroAndSpecialValuesAsStrictMath() {
        assertEquals(1.0, Exp.exp(0.0));
        assertEquals(1.0, Exp.exp(-0.0));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(710));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(Double.POSITIVE_INFINITY));
        assertEquals(0.0, Exp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Exp.exp(-800));
        assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
        // Just inside and outside the fast range.
        for (double x : new double[] {708, -708, 708.0000001, -708.0000001, 709.78, -745.1, -720}) {
            assertEquals(StrictMath.exp(x), Exp.exp(x), Math.ulp(StrictMath.exp(x)) * 2, "x = " + x);
        }
    }

    @Test
    void theSigmoidAndTanhBuiltOnItStayInRange() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            double x = (rnd.nextDouble() - 0.5) * 2000;
            double s = Nonlinear.sigmoid(x);
            double t = Nonlinear.tanh(x);
            assertTrue(s >= 0 && s <= 1, "sigmoid " + x);
            assertTrue(t >= -1 && t <= 1, "tanh " + x);
            assertEquals(StrictMath.tanh(x), t, 4e-16, "tanh " + x);
            assertEquals(1 / (1 + StrictMath.exp(-x)), s, 4e-16, "sigmoid " + x);
        }
    }
}
