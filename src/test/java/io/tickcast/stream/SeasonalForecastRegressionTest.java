package io.tickcast.stream;

import io.tickcast.serde.Forecast;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The forecaster's quality is tuned with {@code tickcast bench quality}, not with unit tests; this one guards
 * against losing it: on a plain hourly daily cycle plus noise, the default topology must beat persistence by a
 * wide margin and come near the noise floor.
 */
class SeasonalForecastRegressionTest {

    @Test
    void anHourlyDailyCycleIsForecastNearItsNoiseFloor() {
        Random r = new Random(24);
        int n = 1500;
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 24 + 0.7) + r.nextGaussian();
        }
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            for (int t = 0; t < n; t++) {
                h.tick("SINE", 1_700_000_000_000L + t * 3_600_000L, v[t]);
            }
            List<Forecast> fs = h.readForecasts();
            assertEquals(n, fs.size());
            double se = 0;
            double sp = 0;
            int m = 0;
            for (int t = n - 1000; t < n; t++) {
                se += Math.pow(v[t] - fs.get(t - 1).steps().get(0).forecast(), 2);
                sp += Math.pow(v[t] - v[t - 1], 2);
                m++;
            }
            double rmse = Math.sqrt(se / m);
            double persistence = Math.sqrt(sp / m);
            assertTrue(rmse < 0.75 * persistence, "RMSE " + rmse + " against persistence's " + persistence);
            assertTrue(rmse < 1.15, "RMSE " + rmse + " against the noise floor 1");
            assertEquals(24, fs.get(n - 1).period(), "the daily cycle of hourly ticks, confirmed");
        }
    }

    /**
     * An hourly series with a week of hours (weekdays a daily cycle, weekends flat) plus unit noise, forecast 48 steps
     * ahead: the week's seasonal naive and the shrink towards the seasonal naive at far steps must keep step 48 near
     * the seasonal naive's own floor (√2: two noises) and far below persistence's, and every forecast finite and
     * within the values' range.
     */
    @Test
    void aWeekOfHoursIsForecastTwoDaysAheadNearTheSeasonalNaivesFloor() {
        Random r = new Random(168);
        int n = 1200;
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            boolean weekend = (t / 24) % 7 >= 5;
            v[t] = 20 + (weekend ? 0 : 8 * Math.sin(2 * Math.PI * t / 24)) + r.nextGaussian();
        }
        try (TopologyHarness h = new TopologyHarness(Map.of("model.horizon", "48", "experts.lstm", "false"))) {
            for (int t = 0; t < n; t++) {
                h.tick("WEEK", 1_700_000_000_000L + t * 3_600_000L, v[t]);
            }
            List<Forecast> fs = h.readForecasts();
            assertEquals(n, fs.size());
            double se = 0;
            double sp = 0;
            int m = 0;
            for (int t = n - 300; t < n; t++) {
                Forecast f = fs.get(t - 48);
                double step48 = f.steps().get(47).forecast();
                assertTrue(Double.isFinite(step48) && step48 > 0 && step48 < 40, "step 48 at " + t + ": " + step48);
                se += Math.pow(v[t] - step48, 2);
                sp += Math.pow(v[t] - v[t - 48], 2);
                m++;
            }
            double rmse = Math.sqrt(se / m);
            double persistence = Math.sqrt(sp / m);
            assertTrue(rmse < 0.5 * persistence, "RMSE " + rmse + " against persistence's " + persistence);
            assertTrue(rmse < 1.7, "RMSE " + rmse + " against the seasonal naive's floor 1.41");
        }
    }
}
