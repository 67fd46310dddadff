package io.tickcast.stream;

import io.tickcast.serde.Forecast;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The LSTM expert earns its place where the statistical experts cannot follow: on an exponential autoregression
 * (Haggan &amp; Ozaki 1981), whose dynamics depend on the level, the default topology with the LSTM forecasts clearly
 * better than the same topology without it once it has seen a few thousand ticks (tools/nonlinear_series.py writes
 * the bench's version of this series).
 */
class LstmExpertLearnsTest {

    @Test
    void onANonlinearAutoregressionTheLstmImprovesOnTheStatisticalExperts() {
        Random r = new Random(7);
        int n = 5000;
        double[] v = new double[n];
        for (int t = 2; t < n; t++) {
            double e = Math.exp(-v[t - 1] * v[t - 1]);
            v[t] = (0.5 + 2.0 * e) * v[t - 1] - 0.5 * (0.8 + 1.5 * e) * v[t - 2] + 0.3 * r.nextGaussian();
        }
        double with = rmseOfLast(2500, v, Map.of());
        double without = rmseOfLast(2500, v, Map.of("experts.lstm", "false"));
        assertTrue(with < 0.95 * without, "RMSE with the LSTM " + with + ", without " + without);
        assertTrue(with > 0.3, "not below the noise floor 0.3: " + with);
    }

    private static double rmseOfLast(int last, double[] v, Map<String, String> config) {
        int n = v.length;
        try (TopologyHarness h = new TopologyHarness(config)) {
            for (int t = 0; t < n; t++) {
                h.tick("EXPAR", 1_700_000_000_000L + t * 3_600_000L, v[t]);
            }
            List<Forecast> fs = h.readForecasts();
            assertEquals(n, fs.size());
            double se = 0;
            for (int t = n - last; t < n; t++) {
                se += Math.pow(v[t] - fs.get(t - 1).steps().get(0).forecast(), 2);
            }
            return Math.sqrt(se / last);
        }
    }
}
