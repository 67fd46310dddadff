package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Start-up and readiness as in the prototype; the log families' death at a value ≤ 0. */
class EtsFamilyStartTest {

    private static void assertStates(EtsFamily f, Reference.Start start, int m) {
        for (int k = 0; k < f.members().size(); k++) {
            assertTrue(Reference.close(start.level(), f.level(k), 1e-12), "level " + k);
            assertTrue(Reference.close(start.trend(), f.trend(k), 1e-12), "trend " + k);
            for (int j = 0; j < m; j++) {
                assertTrue(Reference.close(start.season()[j], f.season(k, j), 1e-12), "season " + j + " of " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0} m={1}, built after {2} values")
    @CsvSource({"hw, 4, 6", "hw, 2, 6", "hw, 12, 6", "lhw, 4, 6", "lhw, 3, 1", "hw, 5, 30"})
    void seasonalFamiliesStartFromTheLast2mValuesOfTheHistory(String name, int m, int builtAt) {
        double[] y = Reference.series(3, 60, m);
        ArrayHistory history = new ArrayHistory(400);
        for (int t = 0; t < builtAt - 1; t++) {
            history.push(y[t]);
        }
        EtsFamily f = Reference.family(name, m, 2);
        double[] out = new double[2];
        for (int t = builtAt - 1; t < y.length; t++) {
            history.push(y[t]);
            f.observe(history, 1.0);
            int n = t + 1;
            // ready at the first observation with 2m values in the history (those before the build count)
            int readyAt = Math.max(2 * m, builtAt);
            assertEquals(n >= readyAt, f.ready(), "n=" + n);
            assertEquals(n >= readyAt, f.forecast(history, out), "n=" + n);
            if (n <= readyAt) {
                assertEquals(n == readyAt ? 0 : -1, f.leader(), "n=" + n);
            }
            if (n == readyAt) {
                double[] w = new double[2 * m];
                for (int i = 0; i < 2 * m; i++) {
                    double v = y[n - 2 * m + i];
                    w[i] = name.equals("lhw") ? Math.log(v) : v;
                }
                assertStates(f, Reference.seasonalStart(w, m), m);
            }
        }
    }

    @Test
    void theSeasonalStartUpOfAPureSeasonIsThatSeasonAndTheLineThroughTheCycleMeans() {
        // y = 10 + 0.5 t + s_(t mod 4) with the season (3, -1, 0, -2) summing to 0: exactly recovered
        double[] season = {3, -1, 0, -2};
        double[] y = new double[8];
        for (int t = 0; t < 8; t++) {
            y[t] = 10 + 0.5 * t + season[t % 4];
        }
        EtsFamily f = EtsFamily.holtWinters(4, 1);
        Reference.observeAll(f, y, 1.0);
        assertTrue(f.ready());
        for (int k = 0; k < f.members().size(); k++) {
            assertEquals(10 + 0.5 * 7, f.level(k), 1e-12);
            assertEquals(0.5, f.trend(k), 1e-12);
            for (int j = 0; j < 4; j++) {
                assertEquals(season[j], f.season(k, j), 1e-12); // s_0 is the next value's (t = 8)
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ses", "holt", "lholt"})
    void nonSeasonalFamiliesStartAtTheFirstValueWithNoTrend(String name) {
        EtsFamily f = Reference.family(name, 0, 3);
        ArrayHistory history = new ArrayHistory(8);
        double[] out = new double[3];
        assertFalse(f.forecast(history, out));
        history.push(42.0);
        f.observe(history, 1.0);
        assertTrue(f.ready());
        assertTrue(f.forecast(history, out));
        for (int k = 0; k < f.members().size(); k++) {
            assertEquals(name.equals("lholt") ? Math.log(42) : 42, f.level(k));
            assertEquals(0.0, f.trend(k));
            assertTrue(f.forecastMember(k, out));
            for (double v : out) {
                assertEquals(42.0, v, 1e-12);
            }
        }
    }

    @ParameterizedTest(name = "{0}: {1} at value {2}")
    @CsvSource({"lholt, 0, 1", "lholt, -3, 1", "lholt, 0, 20", "lholt, NaN, 20", "lhw, -1, 3", "lhw, 0, 8",
        "lhw, 0, 30"})
    void logFamiliesDieForGoodAtAValueNotAboveZero(String name, double bad, int at) {
        double[] y = Reference.series(9, 80, 4);
        y[at - 1] = bad;
        EtsFamily f = Reference.family(name, 4, 1);
        ArrayHistory history = new ArrayHistory(400);
        double[] out = new double[1];
        for (int t = 0; t < y.length; t++) {
            history.push(y[t]);
            f.observe(history, 1.0);
            if (t + 1 >= at) {
                assertFalse(f.ready(), "n=" + (t + 1));
                assertFalse(f.forecast(history, out));
                assertEquals(-1, f.leader());
            }
        }
    }

    @Test
    void aLogHoltWintersWhoseStartUpWindowHeldANonPositiveValueNeverStarts() {
        // the forecaster builds the family after the bad value went by: the window still holds it
        double[] y = Reference.series(9, 60, 4);
        y[2] = 0;
        ArrayHistory history = new ArrayHistory(400);
        for (int t = 0; t < 5; t++) {
            history.push(y[t]);
        }
        EtsFamily lhw = EtsFamily.logHoltWinters(4, 1);
        EtsFamily hw = EtsFamily.holtWinters(4, 1);
        for (int t = 5; t < y.length; t++) {
            history.push(y[t]);
            lhw.observe(history, 1.0);
            hw.observe(history, 1.0);
            assertFalse(lhw.ready());
            assertEquals(t + 1 >= 8, hw.ready());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ses", "holt", "hw"})
    void theOtherFamiliesForecastThroughValuesNotAboveZero(String name) {
        double[] y = Reference.series(9, 60, 4);
        for (int t = 0; t < y.length; t += 7) {
            y[t] = -y[t];
        }
        EtsFamily f = Reference.family(name, 4, 1);
        ArrayHistory h = Reference.observeAll(f, y, 1.0);
        assertTrue(f.forecast(h, new double[1]));
        assertTrue(Arrays.stream(new double[] {f.level(0), f.trend(0)}).allMatch(Double::isFinite));
    }
}
