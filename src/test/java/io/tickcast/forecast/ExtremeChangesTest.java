package io.tickcast.forecast;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: within the parser's range (|y| ≤ 1e100, no non-zero |y| below 1e-100) a change can be 1e200 times the
 * scale it is measured in, and its square overflows. The aggregator, the shrink and the intervals bound what one
 * forecast adds to their sums, so that they stay finite and keep learning; on the ordinary changes that follow they
 * behave as before.
 */
class ExtremeChangesTest {

    private static final double TINY = 1e-100;
    private static final double HUGE = 1e100;

    @Test
    void mlPolyWeightsStayDefinedAfterARegretOf1e400() {
        MlPoly a = new MlPoly(3);
        boolean[] awake = {true, true, true};
        double[] w = new double[3];
        double[] f = {0.0, HUGE, -HUGE};
        a.weights(awake, w);
        double agg = MlPoly.aggregate(w, f, awake);
        a.learn(w, f, awake, agg, HUGE, TINY); // r = 2(ŷ − y)(ŷ − f)/s²: about 1e400 unbounded
        // An infinite gradient times an expert that forecast the aggregate: its regret is 0, not NaN.
        double[] same = {agg, agg, agg};
        a.learn(w, same, awake, agg, HUGE, 1e-200);
        a.weights(awake, w);
        assertEquals(1.0, w[0] + w[1] + w[2], 1e-12);
        for (double x : w) {
            assertTrue(Double.isFinite(x) && x >= 0, java.util.Arrays.toString(w));
        }
        assertTrue(w[1] > w[0] && w[1] > w[2], "the expert that forecast the actual leads: " + java.util.Arrays.toString(w));
    }

    @Test
    void theShrinksGainStaysDefinedAfterAChangeOf1e200Scales() {
        PersistenceShrink s = new PersistenceShrink();
        Random r = new Random(20);
        for (int i = 0; i < 20; i++) {
            double change = r.nextGaussian();
            s.learn(change, change + 0.1 * r.nextGaussian(), 1.0);
        }
        assertTrue(s.gain() > 0.9, "learnable: " + s.gain());
        s.learn(HUGE, -HUGE, TINY);
        s.learn(-HUGE, HUGE, 1e-200); // s² underflows to 0
        double g = s.gain();
        assertTrue(g >= 0 && g <= 1, "gain " + g);
        assertEquals(22, s.count());
        java.nio.ByteBuffer state = java.nio.ByteBuffer.allocate(s.stateBytes());
        s.writeState(state);
        for (int at = 12; at < 36; at += 8) { // S_xy, S_xx, S_yy after the tag and c
            assertTrue(Double.isFinite(state.getDouble(at)), "sum at byte " + at + ": " + state.getDouble(at));
        }
    }

    @Test
    void theIntervalStaysFiniteAfterAnErrorOf1e250Normalisers() {
        AdaptiveConformal c = new AdaptiveConformal();
        Random r = new Random(20);
        for (int i = 0; i < 30; i++) {
            double e = r.nextGaussian();
            c.learn(e, 0.0, -1.645, 1.645, 1.0);
        }
        for (int i = 0; i < 30; i++) {
            // An error of 2e100 against a normaliser of 1e-150: the changes' scale decays during a constant run.
            c.learn(HUGE, -HUGE, -HUGE, -HUGE, 1e-150);
        }
        double nu = c.normaliser(1.0);
        double half = c.halfWidth(nu);
        assertTrue(Double.isFinite(nu) && nu > 0, "normaliser " + nu);
        assertTrue(Double.isFinite(half) && half > 0, "half-width " + half);
        assertTrue(Double.isFinite(HUGE - half), "the interval's lower end");
    }
}
