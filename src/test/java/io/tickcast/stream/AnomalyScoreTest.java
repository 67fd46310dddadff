package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Tick;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The anomaly score is calibrated: on generated series without anomalies — white noise, an AR(1), a random walk, a
 * daily cycle with noise — the flag's rate is what the level promises, {@code ⌊(1 − level)(n + 1)⌋/(n + 1)} with
 * {@code n} = 100 scores (0.0099 at level 0.99, 0.0495 at 0.95), within sampling error; and a real outlier is flagged.
 */
class AnomalyScoreTest {

    /** The production panel and intervals, without the LSTM (its fine-tuning would only slow the test). */
    private static SymbolState state(String symbol, double level) {
        TickcastConfig c = TickcastConfig.parse(Map.of("experts.lstm", "false", "anomaly.level", String.valueOf(level)));
        ForecastSettings settings = ForecastSettings.from(c);
        return SymbolState.create(symbol, settings, LearningComponents.from(c, settings));
    }

    /** Flags and scored ticks (those with 100 scores behind them), over every kind of series and seed. */
    private static long[] run(double level, int seeds, int ticks) {
        long flagged = 0;
        long scored = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random r = new Random(seed);
            for (DoubleUnaryOperator kind : kinds(r)) {
                SymbolState s = state("S", level);
                for (int t = 0; t < ticks; t++) {
                    Forecast f = s.accept(new Tick("S", 1_700_000_000_000L + 3_600_000L * t, kind.applyAsDouble(t)))
                            .forecast();
                    if (t >= 120 && f.anomaly() != null) { // past the warm-up: the interval holds its 100 scores
                        scored++;
                        flagged += f.anomaly().flag() ? 1 : 0;
                    }
                }
            }
        }
        return new long[] {flagged, scored};
    }

    private static DoubleUnaryOperator[] kinds(Random r) {
        double[] ar = {0};
        double[] walk = {100};
        return new DoubleUnaryOperator[] {
            t -> 10 + r.nextGaussian(),
            t -> ar[0] = 0.7 * ar[0] + r.nextGaussian(),
            t -> walk[0] += r.nextGaussian(),
            t -> 50 + 5 * Math.sin(2 * Math.PI * t / 24) + r.nextGaussian()
        };
    }

    @Test
    void theFlagRateIsWhatTheLevelPromises() {
        for (double level : new double[] {0.99, 0.95}) {
            long[] fs = run(level, 6, 1_500);
            double rate = (double) fs[0] / fs[1];
            double expected = Math.floor((1 - level) * 101 + 1e-9) / 101;
            // Binomial sampling error, widened for the serial dependence of the residuals of one series.
            double tolerance = 3 * Math.sqrt(expected * (1 - expected) / fs[1]) * 1.5;
            assertTrue(Math.abs(rate - expected) <= tolerance,
                    "level " + level + ": " + fs[0] + " flags in " + fs[1] + " = " + rate + ", expected " + expected
                            + " ± " + tolerance);
        }
    }

    @Test
    void anOutlierIsFlaggedWithTheSmallestPValue() {
        SymbolState s = state("S", 0.99);
        Random r = new Random(1);
        Forecast f = null;
        for (int t = 0; t < 300; t++) {
            double v = t == 299 ? 10 + 12 : 10 + r.nextGaussian();
            f = s.accept(new Tick("S", 1_000L * (t + 1), v)).forecast();
            if (t == 0) {
                assertNull(f.anomaly(), "no forecast was made for the first tick");
            }
        }
        assertNotNull(f.anomaly());
        assertTrue(f.anomaly().flag());
        assertEquals(1.0 / 101, f.anomaly().pValue(), 1e-12);
    }
}
