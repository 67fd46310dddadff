package io.tickcast.stream;

import io.tickcast.serde.Forecast;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22's failure, as a test: an hourly series with a spiky daily cycle (tens at night, thousands by day) at
 * horizon 48. Before the robust shrink, one wild early forecast silenced a step's gain for good and the far steps
 * sat at the last (night) value while the day swung through thousands. After the warm-up (23 days: the series starts
 * at night, so the first scored changes are 1000 scales of a scale that knew only the night, and step 48's sums are
 * the last to forget them) no step of any forecast may equal the last value, and steps 25-48 must beat persistence by
 * a wide margin.
 */
class SpikyDailyCycleTest {

    private static final int HORIZON = 48;

    @Test
    void noStepIsPersistenceByAccidentAfterWarmUp() {
        Random r = new Random(48);
        int n = 24 * 42;
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            double hour = t % 24;
            double day = hour >= 8 && hour <= 19 ? Math.sin(Math.PI * (hour - 7) / 13) : 0.0;
            v[t] = 20 + 5 * r.nextDouble() + 3000 * day * day * (1 + 0.1 * r.nextGaussian());
        }
        Map<String, String> cfg = Map.of("model.horizon", String.valueOf(HORIZON), "experts.lstm", "false");
        try (TopologyHarness h = new TopologyHarness(cfg)) {
            for (int t = 0; t < n; t++) {
                h.tick("SPIKY", 1_700_000_000_000L + t * 3_600_000L, v[t]);
            }
            List<Forecast> fs = h.readForecasts();
            assertEquals(n, fs.size());
            int warmUp = 24 * 23;
            StringBuilder persistent = new StringBuilder(); // tick:step of every step that is the last value
            double se = 0;
            double sp = 0;
            for (int t = warmUp; t < n; t++) {
                List<Forecast.Step> steps = fs.get(t).steps();
                assertEquals(HORIZON, steps.size());
                for (int s = 0; s < HORIZON; s++) {
                    if (steps.get(s).forecast() == v[t]) {
                        persistent.append(' ').append(t).append(':').append(s + 1);
                    }
                    if (s >= 24 && t + s + 1 < n) {
                        se += Math.pow(v[t + s + 1] - steps.get(s).forecast(), 2);
                        sp += Math.pow(v[t + s + 1] - v[t], 2);
                    }
                }
            }
            assertEquals("", persistent.toString(), "steps at the last value after the warm-up (tick:step)");
            assertTrue(se < 0.25 * sp, "steps 25-48: squared error " + se + " against persistence's " + sp);
        }
    }
}
