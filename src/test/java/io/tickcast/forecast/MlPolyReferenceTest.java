package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link MlPoly} against a direct re-implementation of the ML-Poly equations of Gaillard, Stoltz &amp; van Erven
 * (2014) with the gradient trick and sleeping experts (R's opera is not packaged for Debian, so it cannot be the
 * reference here). The re-implementation keeps the whole T×K matrix of instantaneous regrets and recomputes, at each
 * round, the cumulative regrets and their squares from it; the linearised loss is {@code ℓ̃_t(x) = ℓ'_t(ŷ_t)·x} with
 * {@code ℓ_t(x) = ((x − y_t)/s_t)²}, and an expert's instantaneous regret is {@code ℓ̃_t(ŷ_t) − ℓ̃_t(f_{k,t})}
 * when awake, 0 when asleep (it "predicts" ŷ_t). Weights: {@code p_{k,t} ∝ [awake] (R_{k,t−1})_+ / V_{k,t−1}},
 * uniform over the awake experts when all are 0. Match to 1e-12 on every round.
 */
class MlPolyReferenceTest {

    /** The reference, batch and from the paper's definitions. */
    private static final class Paper {
        final double[][] r;
        final int k;

        Paper(int rounds, int k) {
            this.r = new double[rounds][k];
            this.k = k;
        }

        double[] weights(int t, boolean[] awake) {
            double[] p = new double[k];
            double z = 0.0;
            for (int j = 0; j < k; j++) {
                double big = 0.0;
                double small = 0.0;
                for (int u = 0; u < t; u++) {
                    big += r[u][j];
                    small += r[u][j] * r[u][j];
                }
                p[j] = awake[j] && big > 0.0 ? Math.max(big, 0.0) / small : 0.0;
                z += p[j];
            }
            if (z == 0.0) {
                for (int j = 0; j < k; j++) {
                    p[j] = awake[j] ? 1.0 : 0.0;
                    z += p[j];
                }
            }
            for (int j = 0; j < k; j++) {
                p[j] /= z;
            }
            return p;
        }

        void observe(int t, double yHat, double[] f, boolean[] awake, double y, double s) {
            double gradient = 2.0 * (yHat - y) / (s * s);
            for (int j = 0; j < k; j++) {
                r[t][j] = awake[j] ? gradient * yHat - gradient * f[j] : 0.0;
            }
        }
    }

    @Test
    void matchesTheEquationsOfThePaperWithSleepingExperts() {
        int k = 12;
        int rounds = 1500;
        SplittableRandom rnd = new SplittableRandom(2014);
        MlPoly agg = new MlPoly(k);
        Paper paper = new Paper(rounds, k);
        boolean[] awake = new boolean[k];
        double[] bias = new double[k];
        double[] noise = new double[k];
        for (int j = 0; j < k; j++) {
            bias[j] = rnd.nextGaussian();
            noise[j] = 0.1 + rnd.nextDouble();
            awake[j] = j < 7;
        }
        double[] f = new double[k];
        double[] w = new double[k];
        double level = 10.0;
        int sleeping = 0;
        for (int t = 0; t < rounds; t++) {
            if (t % 150 == 0) {
                for (int j = 7; j < k; j++) {
                    awake[j] = rnd.nextBoolean();     // the seasonal experts wake and sleep in blocks
                }
            }
            if (t == rounds / 2) {
                for (int j = 0; j < k; j++) {
                    bias[j] = rnd.nextGaussian();
                }
            }
            double s = 0.3 + rnd.nextDouble();
            level += 0.5 * rnd.nextGaussian();
            double y = level + 0.3 * rnd.nextGaussian();
            for (int j = 0; j < k; j++) {
                f[j] = awake[j] ? level + bias[j] + noise[j] * rnd.nextGaussian() : Double.NaN;
                sleeping += awake[j] ? 0 : 1;
            }
            agg.weights(awake, w);
            double[] p = paper.weights(t, awake);
            double yHatPaper = 0.0;
            for (int j = 0; j < k; j++) {
                assertEquals(p[j], w[j], 1e-12, "round " + t + " weight " + j);
                yHatPaper += awake[j] ? p[j] * f[j] : 0.0;
            }
            double yHat = MlPoly.aggregate(w, f, awake);
            assertEquals(yHatPaper, yHat, 1e-12 * Math.max(1.0, Math.abs(yHatPaper)), "round " + t + " aggregate");
            agg.learn(w, f, awake, yHat, y, s);
            paper.observe(t, yHatPaper, f, awake, y, s);
        }
        assertTrue(sleeping > rounds, "sleeping experts exercised: " + sleeping);
    }

    @Test
    void uniformOverTheAwakeExpertsWithoutPositiveRegret() {
        MlPoly agg = new MlPoly(4);
        double[] w = new double[4];
        agg.weights(new boolean[] {true, false, true, true}, w);
        assertArrayEquals(new double[] {1.0 / 3, 0.0, 1.0 / 3, 1.0 / 3}, w, 0.0);
        // one expert asleep (its forecast NaN, not read); a round with y = ŷ: gradient 0, every regret 0
        boolean[] awake = {true, true, false, true};
        double[] f = {0.0, 4.0, Double.NaN, 5.0};
        agg.weights(awake, w);
        double yHat = MlPoly.aggregate(w, f, awake);
        assertEquals(3.0, yHat, 1e-15);
        agg.learn(w, f, awake, yHat, yHat, 1.0);
        agg.weights(awake, w);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 0.0, 1.0 / 3}, w, 0.0);
        agg.learn(w, f, awake, yHat, 0.0, 1.0);         // y = 0: r = 2ŷ(ŷ − f) > 0 only for expert 0
        agg.weights(new boolean[] {true, true, true, true}, w);
        assertArrayEquals(new double[] {1.0, 0.0, 0.0, 0.0}, w, 0.0);
        agg.weights(new boolean[] {false, true, true, true}, w);   // it sleeps: uniform over the others
        assertArrayEquals(new double[] {0.0, 1.0 / 3, 1.0 / 3, 1.0 / 3}, w, 0.0);
    }

    @Test
    void theWeightsAreTheNormalisedPositiveRegretsOverTheirSquares() {
        MlPoly agg = new MlPoly(3);
        boolean[] all = {true, true, true};
        double[] w = new double[3];
        double[] f1 = {0.0, 1.0, 2.0};
        agg.weights(all, w);
        agg.learn(w, f1, all, 1.0, 0.5, 2.0);
        // g = 2 (1 − 0.5)/4 = 0.25; r = 0.25 (1 − f) = (0.25, 0, −0.25)
        agg.weights(all, w);
        assertArrayEquals(new double[] {1.0, 0.0, 0.0}, w, 0.0);
        double[] f2 = {0.0, 0.5, 1.0};
        agg.learn(w, f2, all, 0.0, 1.0, 1.0);
        // g = −2; r = −2 (0 − f) = (0, 1, 2); R = (0.25, 1, 1.75), V = (0.0625, 1, 4.0625)
        agg.weights(all, w);
        double[] u = {0.25 / 0.0625, 1.0, 1.75 / 4.0625};
        double z = u[0] + u[1] + u[2];
        assertArrayEquals(new double[] {u[0] / z, u[1] / z, u[2] / z}, w, 1e-15);
    }

    @Test
    void rejectsWrongInputsWithoutChangingState() {
        MlPoly agg = new MlPoly(2);
        double[] w = new double[2];
        assertThrows(IllegalArgumentException.class, () -> new MlPoly(0));
        assertThrows(IllegalArgumentException.class, () -> agg.weights(new boolean[3], w));
        assertThrows(IllegalArgumentException.class, () -> agg.weights(new boolean[2], w), "no expert awake");
        boolean[] all = {true, true};
        agg.weights(all, w);
        double[] f = {1.0, 2.0};
        assertThrows(IllegalArgumentException.class, () -> agg.learn(w, f, all, 1.5, 1.0, 0.0));
        assertThrows(IllegalArgumentException.class, () -> agg.learn(w, f, all, 1.5, Double.NaN, 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> agg.learn(w, new double[] {1.0, Double.NaN}, all, 1.5, 1.0, 1.0));
        double[] after = new double[2];
        agg.weights(all, after);
        assertArrayEquals(w, after, 0.0);
    }
}
