package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Tick;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Intervals respect the support: no lower bound below zero while every kept value is non-negative. */
class SupportClipTest {

    private static SymbolState state() {
        TickcastConfig c = TickcastConfig.parse(Map.of("model.horizon", "3", "experts.lstm", "false"));
        ForecastSettings settings = ForecastSettings.from(c);
        return new SymbolStore(settings, LearningComponents.from(c, settings), 128).create("S");
    }

    /** Counts near zero (0–4 per hour, seeded), shifted by {@code offset}: [lower bounds at zero, below zero]. */
    private static int[] run(double offset) {
        Random r = new Random(3);
        SymbolState s = state();
        int atZero = 0;
        int below = 0;
        for (int t = 0; t < 400; t++) {
            double v = r.nextInt(5) + offset;
            Forecast f = s.accept(new Tick("S", 1_700_000_000_000L + 3_600_000L * t, v)).forecast();
            for (Forecast.Step step : f.steps()) {
                assertTrue(step.lower() <= step.forecast() && step.forecast() <= step.upper(), "tick " + t);
                if (offset >= 0) {
                    assertTrue(step.lower() >= Math.min(0.0, step.forecast()), "tick " + t + ": " + step);
                }
                atZero += step.lower() == 0.0 ? 1 : 0;
                below += step.lower() < 0 ? 1 : 0;
            }
        }
        return new int[] {atZero, below};
    }

    @Test
    void aNonNegativeSeriesGetsNoNegativeLowerBound() {
        int[] counts = run(0);
        assertTrue(counts[0] > 100, "lower bounds clipped at zero: " + counts[0]);
        assertTrue(counts[1] == 0, "lower bounds below zero: " + counts[1]);
    }

    @Test
    void aSeriesWithNegativeValuesKeepsItsLowerBounds() {
        int[] counts = run(-0.5);
        assertTrue(counts[1] > 100, "lower bounds below zero: " + counts[1]);
    }
}
