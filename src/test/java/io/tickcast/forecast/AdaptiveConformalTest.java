package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The interval rules of spec §6, one at a time, with the public (spec) constants. */
class AdaptiveConformalTest {

    private static final double Z90 = new NormalDistribution(0.0, 1.0).inverseCumulativeProbability(0.95);

    @Test
    void theWarmUpIsTheInflatedNormalIntervalUntilNineScores() {
        assertEquals(1.6448536269514722, Z90, 1e-15);
        assertEquals(9, AdaptiveConformal.minScores(0.9));
        AdaptiveConformal conf = new AdaptiveConformal();
        for (int n = 0; n < 9; n++) {
            assertEquals(n, conf.scoreCount());
            assertEquals(Z90 * 2.0 * 1.25, conf.halfWidth(2.0), 0.0, "warm-up with " + n + " scores");
            conf.learn(n + 1.0, 0.0, -100.0, 100.0, 1.0);      // scores 1, 2, ..., 9
        }
        // 9 scores, α = 0.1: rank ⌈10 · 0.9⌉ = 9, the largest
        assertEquals(9.0 * 2.0, conf.halfWidth(2.0), 0.0);
        conf.learn(0.5, 0.0, -100.0, 100.0, 1.0);
        // 10 scores {0.5, 1..9}: rank ⌈11 · 0.9⌉ = 10, the largest again
        assertEquals(9.0, conf.halfWidth(1.0), 0.0);
        for (int i = 0; i < 10; i++) {
            conf.learn(0.25, 0.0, -100.0, 100.0, 1.0);
        }
        // 20 scores: ten of 0.25, 0.5, 1..9; α moved from 0.1 by 10 covers: + 10 · 0.03 · 0.1; rank ⌈21 (1 − α)⌉
        double alpha = conf.missLevel();
        assertEquals(0.13, alpha, 1e-15);
        int rank = (int) Math.ceil(21 * (1.0 - alpha));
        double[] sorted = {0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(sorted[rank - 1], conf.halfWidth(1.0), 0.0);
    }

    @Test
    void theAciLevelMovesOnlyAfterTenScores() {
        AdaptiveConformal conf = new AdaptiveConformal();
        for (int n = 1; n <= 10; n++) {
            conf.learn(5.0, 0.0, -1.0, 1.0, 1.0);             // a miss
            assertEquals(1.0 - 0.9, conf.missLevel(), 0.0, "after " + n + " scores");
        }
        conf.learn(5.0, 0.0, -1.0, 1.0, 1.0);                 // the 11th score: α += γ (α₀ − 1)
        double alpha0 = 1.0 - 0.9;
        assertEquals(alpha0 + 0.03 * (alpha0 - 1.0), conf.missLevel(), 0.0);
        conf.learn(0.0, 0.0, -1.0, 1.0, 1.0);                 // a cover: α += γ α₀
        assertEquals(alpha0 + 0.03 * (alpha0 - 1.0) + 0.03 * alpha0, conf.missLevel(), 0.0);
    }

    @Test
    void theNormaliserIsTheResidualScaleAfterFiveResiduals() {
        AdaptiveConformal conf = new AdaptiveConformal();
        double[] errors = {1, -2, 3, -4, 5};
        for (int i = 0; i < errors.length; i++) {
            assertEquals(7.0, conf.normaliser(7.0), 0.0, "fallback with " + i + " residuals");
            conf.learn(errors[i], 0.0, -1.0, 1.0, 7.0);
        }
        // weights max(1 − 2^(−1/30), 1/n) = 1/n for the first five: the mean of the squares, 11
        assertEquals(Math.sqrt(11.0), conf.normaliser(7.0), 1e-14);
        conf.learn(2.0, 0.0, -1.0, 1.0, 7.0);
        double b = 1.0 - Math.pow(2.0, -1.0 / 30.0);
        assertTrue(b < 1.0 / 6.0);
        assertEquals(Math.sqrt((1.0 - 1.0 / 6.0) * 11.0 + 4.0 / 6.0), conf.normaliser(7.0), 1e-14);
        for (int i = 0; i < 10; i++) {
            conf.learn(2.0, 0.0, -1.0, 1.0, 7.0);
        }
        // up to n = 43, 1/n > b: the weight is still 1/n, a running mean
        double mean = (1 + 4 + 9 + 16 + 25 + 4.0 * 11) / 16.0;
        assertEquals(Math.sqrt(mean), conf.normaliser(7.0), 1e-14);
        for (int i = 0; i < 60; i++) {
            conf.learn(1.0, 0.0, -1.0, 1.0, 7.0);
        }
        double nu = conf.normaliser(7.0);
        conf.learn(3.0, 0.0, -1.0, 1.0, 7.0);                 // n = 77: the half-life weight b
        assertEquals(Math.sqrt((1.0 - b) * nu * nu + b * 9.0), conf.normaliser(7.0), 1e-14);
    }

    /** A series that starts flat: five exact forecasts leave ς = 0; the fallback keeps the intervals learning. */
    @Test
    void exactForecastsDoNotFreezeTheIntervals() {
        AdaptiveConformal conf = new AdaptiveConformal();
        for (int i = 0; i < 20; i++) {
            double nu = conf.normaliser(0.5);
            assertEquals(0.5, nu, 0.0, "a zero residual scale falls back");
            double half = conf.halfWidth(nu);
            conf.learn(3.0, 3.0, 3.0 - half, 3.0 + half, nu);
        }
        assertEquals(20, conf.scoreCount());
        assertEquals(0.0, conf.halfWidth(conf.normaliser(0.5)), 0.0, "all scores 0");
        for (int i = 0; i < 30; i++) {
            double nu = conf.normaliser(0.5);
            double half = conf.halfWidth(nu);
            conf.learn(3.0 + (i % 2 == 0 ? 1.0 : -1.0), 3.0, 3.0 - half, 3.0 + half, nu);
        }
        assertTrue(conf.normaliser(0.5) > 0.5, "the residual scale moved: " + conf.normaliser(0.5));
        assertTrue(conf.halfWidth(conf.normaliser(0.5)) > 0.5, "and the interval opened");
    }

    @Test
    void aScoreWithAnInvalidNormaliserIsSkipped() {
        AdaptiveConformal conf = new AdaptiveConformal();
        for (double nu : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            conf.learn(1.0, 0.0, -1.0, 1.0, nu);
        }
        assertEquals(0, conf.scoreCount());
        assertEquals(3.0, conf.normaliser(3.0), 0.0);
        assertThrows(IllegalArgumentException.class, () -> conf.learn(Double.NaN, 0.0, -1.0, 1.0, 1.0));
        assertEquals(0, conf.scoreCount());
    }

    @Test
    void theWindowKeepsTheLastScores() {
        AdaptiveConformal conf = new AdaptiveConformal(0.9, 12, 0.0, 30);
        for (int i = 0; i < 12; i++) {
            conf.learn(100.0, 0.0, -1.0, 1.0, 1.0);
        }
        for (int i = 0; i < 12; i++) {
            conf.learn(1.0, 0.0, -2.0, 2.0, 1.0);           // the 100s leave one by one
            double expected = i < 11 ? 100.0 : 1.0;          // rank ⌈13 · 0.9⌉ = 12 = n: the largest
            assertEquals(expected, conf.halfWidth(1.0), 0.0, "after " + (i + 1) + " new scores");
        }
        assertEquals(12, conf.scoreCount());
    }

    @Test
    void quickselectAgreesWithSorting() {
        SplittableRandom rnd = new SplittableRandom(17);
        double[] a = new double[100];
        double[] work = new double[100];
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(100);
            for (int i = 0; i < n; i++) {
                a[i] = trial % 3 == 0 ? rnd.nextInt(5) : rnd.nextGaussian();   // with many ties a third of the time
            }
            double[] sorted = Arrays.copyOf(a, n);
            Arrays.sort(sorted);
            for (int k = 0; k < n; k++) {
                System.arraycopy(a, 0, work, 0, n);
                assertEquals(sorted[k], AdaptiveConformal.select(work, n, k), 0.0, "n=" + n + " k=" + k);
            }
        }
    }

    @Test
    void theWarmUpCountAndZFollowTheLevel() {
        assertEquals(4, AdaptiveConformal.minScores(0.8));     // 1/(1 − 0.8) = 5.000000000000001 in doubles
        assertEquals(19, AdaptiveConformal.minScores(0.95));   // 19.999999999999982
        assertEquals(1, AdaptiveConformal.minScores(0.5));
        assertEquals(6, AdaptiveConformal.minScores(0.85));    // ⌈6.67⌉ − 1
        for (double level : new double[] {0.8, 0.85, 0.9, 0.95, 0.99}) {
            int n = AdaptiveConformal.minScores(level);
            assertTrue(Math.ceil((n + 1) * level - 1e-9) <= n, "the quantile is finite with " + n + " scores");
            assertTrue(Math.ceil(n * level - 1e-9) > n - 1, "but not with " + (n - 1));
        }
        assertEquals(1.959963984540054, AdaptiveConformal.normalQuantile(0.95), 1e-14);
        AdaptiveConformal conf = new AdaptiveConformal(0.95, 100, 0.03, 30);
        assertEquals(AdaptiveConformal.normalQuantile(0.95) * 1.25, conf.halfWidth(1.0), 0.0);
    }

    @Test
    void rejectsBadConfigurations() {
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveConformal(1.0, 100, 0.03, 30));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveConformal(0.0, 100, 0.03, 30));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveConformal(0.9, 10, 0.03, 30));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveConformal(0.9, 100, -0.1, 30));
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveConformal(0.9, 100, 0.03, 0));
        new AdaptiveConformal(0.9, 11, 0.03, 1);
    }
}
