package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Persistence, seasonal naive and drift: their formulas and readiness (spec §5.1). */
class SimpleExpertsTest {

    @Test
    void persistenceForecastsTheLatestValueFromTheFirstOn() {
        Persistence p = new Persistence();
        ArrayHistory h = new ArrayHistory(4);
        double[] out = new double[3];
        assertFalse(p.forecast(h, out));
        for (double y : new double[] {5, -2, 7.25}) {
            h.push(y);
            p.observe(h, 1.0);
            assertTrue(p.forecast(h, out));
            assertArrayEquals(new double[] {y, y, y}, out);
        }
        assertEquals("persistence", p.name());
        assertFalse(p.seasonal());
    }

    @Test
    void seasonalNaiveForecastsTheValueOnePeriodBeforeTheTarget() {
        SeasonalNaive s = new SeasonalNaive(4, 6);
        ArrayHistory h = new ArrayHistory(10);
        double[] out = new double[6];
        for (int t = 1; t <= 30; t++) {
            h.push(100 + t);
            s.observe(h, 1.0);
            assertEquals(t >= 4, s.forecast(h, out), "n=" + t);
            if (t >= 4) {
                // f_h = y_{t − m + ((h − 1) mod m) + 1}
                for (int step = 1; step <= 6; step++) {
                    assertEquals(100 + t - 4 + (step - 1) % 4 + 1, out[step - 1], "t=" + t + " h=" + step);
                }
            }
        }
        assertEquals("snaive", s.name());
        assertTrue(s.seasonal());
        assertEquals(4, s.period());
    }

    /**
     * An hourly series whose week repeats exactly (each day's profile scaled by its weekday, a weekend apart): the
     * week's seasonal naive forecasts all 48 steps exactly, from the first week on; the daily one misses every day
     * whose weekday differs from the day before's. Its forecasts are values of the history, so bounded by them.
     */
    @Test
    void seasonalNaiveOfAWeekForecastsARepeatingWeekExactly() {
        SeasonalNaive w = SeasonalNaive.weekOf(24, 48);
        assertEquals("snaive_w", w.name());
        assertEquals(168, w.period());
        assertTrue(w.seasonal());
        ArrayHistory h = new ArrayHistory(400);
        double[] out = new double[48];
        java.util.function.IntToDoubleFunction y = t -> {
            int day = Math.floorMod(t / 24, 7);
            double weekday = day >= 5 ? 0.4 : 1.0 + 0.1 * day;
            return 50 + 30 * weekday * Math.sin(2 * Math.PI * (t % 24) / 24.0);
        };
        for (int t = 0; t < 3 * 168; t++) {
            h.push(y.applyAsDouble(t));
            w.observe(h, 1.0);
            assertEquals(t + 1 >= 168, w.forecast(h, out), "n=" + (t + 1));
            if (t + 1 >= 168) {
                for (int step = 1; step <= 48; step++) {
                    assertEquals(y.applyAsDouble(t + step), out[step - 1], 1e-12, "t=" + t + " h=" + step);
                    assertTrue(out[step - 1] >= 50 - 30 * 1.4 && out[step - 1] <= 50 + 30 * 1.4);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SeasonalNaive.weekOf(1, 48));
    }

    @Test
    void driftExtendsTheLineThroughTheFirstValueObservedAndTheLatest() {
        Drift d = new Drift(3);
        ArrayHistory h = new ArrayHistory(4); // the ring forgets the first value: the expert keeps it
        double[] out = new double[3];
        double[] y = {10, 13, 9, 20, 18, 30, 25};
        for (int t = 1; t <= y.length; t++) {
            h.push(y[t - 1]);
            d.observe(h, 1.0);
            assertEquals(t >= 3, d.forecast(h, out), "n=" + t);
            if (t >= 3) {
                double slope = (y[t - 1] - 10) / (t - 1);
                for (int step = 1; step <= 3; step++) {
                    assertEquals(y[t - 1] + step * slope, out[step - 1], 1e-12);
                }
            }
        }
        assertEquals("drift", d.name());
        assertFalse(d.seasonal());
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new Drift(0));
        assertThrows(IllegalArgumentException.class, () -> EtsFamily.holtWinters(1, 1));
        assertThrows(IllegalArgumentException.class, () -> EtsFamily.logHoltWinters(0, 1));
        assertThrows(IllegalArgumentException.class, () -> EtsFamily.ses(0));
        ArrayHistory h = new ArrayHistory(8);
        for (int t = 0; t < 8; t++) {
            h.push(t + 1);
        }
        Drift d = new Drift(2);
        EtsFamily ses = EtsFamily.ses(2);
        for (OnlineExpert e : new OnlineExpert[] {d, ses}) {
            e.observe(h, 1.0);
        }
        assertThrows(IllegalArgumentException.class, () -> d.forecast(h, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new SeasonalNaive(2, 2).forecast(h, new double[1]));
        assertThrows(IllegalArgumentException.class, () -> ses.forecast(h, new double[1]));
    }
}
