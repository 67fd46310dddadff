package io.tickcast.backtest;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The M4 metrics and Naive2 on fixtures small enough to compute by hand (always runs: no shared data needed). */
class HorizonScoreTest {

    private static final double EPS = 1e-12;

    /**
     * In-sample 1, 2, 4, 3 with m = 1: s = (1 + 2 + 1) / 3 = 4/3. Actuals 4, 6; forecasts 3, 3 (the last value);
     * 95 % intervals [2, 5] both. sMAPE = (200·1/7 + 200·3/9) / 2; MASE = (1 + 3) / 2 / s = 1.5;
     * interval scores 3 (inside) and 3 + 40·1 = 43 (one above), scaled: (3 + 43) / 2 / s = 17.25; coverage ½.
     */
    @Test
    void handComputedSmapeMaseCoverageAndMsis() {
        double[] insample = {1, 2, 4, 3};
        double s = HorizonScore.scale(insample, 1);
        assertEquals(4.0 / 3, s, EPS);
        HorizonScore score = new HorizonScore(0.05, 2);
        score.add("A", 1, 4, 3, 2, 5, 3, s);
        score.add("A", 2, 6, 3, 2, 5, 3, s);
        HorizonScore.Figures f = score.total();
        assertEquals(2, f.points());
        assertEquals((200.0 / 7 + 200.0 / 3) / 2, f.smape(), EPS);
        assertEquals(1.5, f.mase(), EPS);
        assertEquals(17.25, f.msis(), EPS);
        assertEquals(0.5, f.coverage(), EPS);
        assertEquals(1.0, f.lastValue(), EPS);
        assertEquals(List.of("1-2"), List.copyOf(score.bands().keySet()));
    }

    @Test
    void seasonalScaleUsesLagM() {
        // |x_t − x_{t−2}| for t = 3, 4, 5: |3 − 1|, |1 − 2|, |5 − 3|
        assertEquals((2 + 1 + 2) / 3.0, HorizonScore.scale(new double[] {1, 2, 3, 1, 5}, 2), EPS);
        assertTrue(Double.isNaN(HorizonScore.scale(new double[] {1, 2}, 2)));
    }

    @Test
    void pointsWithoutIntervalsLeaveCoverageAndMsisUndefined() {
        HorizonScore score = new HorizonScore(0.05, 1);
        score.add("A", 1, 1, 2, Double.NaN, Double.NaN, 0, 1);
        assertTrue(Double.isNaN(score.total().coverage()));
        assertTrue(Double.isNaN(score.total().msis()));
        assertEquals(0.0, score.total().lastValue());
    }

    @Test
    void bandsFollowM4sBreaksAndEndAtTheHorizon() {
        assertEquals("1-6", HorizonScore.band(1, 48));
        assertEquals("7-12", HorizonScore.band(12, 48));
        assertEquals("13-24", HorizonScore.band(13, 48));
        assertEquals("25-48", HorizonScore.band(48, 48));
        assertEquals("13-13", HorizonScore.band(13, 13));
        assertEquals("49-60", HorizonScore.band(50, 60));
    }

    @Test
    void owaIsTheMeanOfTheTwoRatios() {
        HorizonScore.Figures method = new HorizonScore.Figures(1, 10, 1, Double.NaN, Double.NaN, 0);
        HorizonScore.Figures naive2 = new HorizonScore.Figures(1, 20, 4, Double.NaN, Double.NaN, 0);
        assertEquals((0.5 + 0.25) / 2, HorizonScore.owa(method, naive2), EPS);
    }

    /**
     * Level 10 times the season 0.5, 1, 1.5, 1 over four periods: the centred moving average is 10 everywhere it is
     * defined, so the index is the season itself and Naive2 from the last value (phase 3, index 1) is 10 × the season.
     */
    @Test
    void naive2ReseasonalisesTheNaiveForecastOfTheAdjustedSeries() {
        double[] season = {0.5, 1, 1.5, 1};
        double[] x = new double[16];
        for (int t = 0; t < x.length; t++) {
            x[t] = 10 * season[t % 4];
        }
        assertTrue(Naive2.seasonal(x, 4));
        assertArrayEquals(season, Naive2.seasonalIndex(x, 4), EPS);
        assertArrayEquals(new double[] {5, 10, 15, 10, 5}, Naive2.forecast(x, 4, 5), EPS);
    }

    @Test
    void naive2IsTheLastValueWithoutASeason() {
        double[] x = {3, 1, 4, 1, 5, 9, 2, 6};
        assertFalse(Naive2.seasonal(x, 1));
        assertArrayEquals(new double[] {6, 6, 6}, Naive2.forecast(x, 1, 3), EPS);
        // Too short for the test (n < 3m): no season either.
        assertFalse(Naive2.seasonal(x, 4));
        assertArrayEquals(new double[] {6, 6}, Naive2.forecast(x, 4, 2), EPS);
    }
}
