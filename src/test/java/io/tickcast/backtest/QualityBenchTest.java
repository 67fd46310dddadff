package io.tickcast.backtest;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Forecast;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualityBenchTest {

    /** Forecasts of a series: at tick i the value v[i], the one-step forecast f[i] with the interval f[i] ± half. */
    private static QualityBench.Series forecasts(double[] v, double[] f, double half) {
        QualityBench.Series out = new QualityBench.Series();
        for (int i = 0; i < v.length; i++) {
            out.add(new Forecast("S", i, v[i], List.of(new Forecast.Step(1, f[i], f[i] - half, f[i] + half, v[i], null)),
                    "holt", false, i + 1, 0, null, null, 1, Map.of("holt", 1.0), 1.0, null));
        }
        return out;
    }

    @Test
    void withoutBaselinesEveryTargetAfterTheWarmUpIsScored() {
        int n = 50;
        double[] v = new double[n];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 2 == 0 ? 1 : 3;
            f[i] = v[i] == 1 ? 2.5 : 1.5; // the forecast of the next value, off by 0.5
        }
        QualityBench.SeriesScore s = QualityBench.score("S", forecasts(v, f, 0.25), null);
        assertEquals(20, s.targets(), "targets t = max(30, ⌈0.1·N⌉) .. N − 1");
        assertEquals(0.5, s.rmse(), 1e-12);
        assertEquals(0.25, s.vsPersistence(), 1e-12, "persistence misses by 2");
        assertEquals(0.0, s.coverage(), "every actual 0.5 away from an interval of ±0.25");
        assertEquals(0.5, s.meanWidth(), 1e-12);
        assertTrue(Double.isNaN(s.vsBestR()));
    }

    @Test
    void aBaselineFixesTheTargetsAndMustMatchTheSeries(@TempDir Path dir) throws IOException {
        double[] v = {1, 2, 3, 4, 5, 6};
        Path b = dir.resolve("S.csv");
        Files.writeString(b, "\"t\",\"ts\",\"actual\",\"persistence\",\"snaive\",\"arima\",\"arima_lo\",\"arima_hi\",\"ets\",\"ets_lo\",\"ets_hi\",\"arima_model\",\"ets_model\"\n"
                + "4,\"x\",5,4,NA,5.5,0,0,4.5,0,0,\"ARIMA(0,1,0)\",\"ETS(A,N,N)\"\n"
                + "5,\"x\",6,5,NA,6.5,0,0,5,0,0,\"ARIMA(0,1,0)\",\"ETS(A,N,N)\"\n");
        // Forecasts of v[t] made at t − 1: exact, so the ratios to every method are 0.
        QualityBench.SeriesScore s = QualityBench.score("S", forecasts(v, new double[] {2, 3, 4, 5, 6, 7}, 1),
                QualityBench.Baseline.read(b));
        assertEquals(2, s.targets());
        assertEquals(0.0, s.vsPersistence(), 1e-12);
        assertEquals(0.0, s.vsBestR(), 1e-12);
        assertTrue(Double.isNaN(s.vsSeasonalNaive()), "NA: no seasonal naive");
        assertEquals(1.0, s.coverage());
        double[] other = {1, 2, 3, 4, 9, 6};
        assertThrows(IllegalArgumentException.class, () -> QualityBench.score("S", forecasts(other, other, 1),
                QualityBench.Baseline.read(b)), "the baseline's actual differs from the series");
    }

    @Test
    void theProductionTopologyRunsOverADirectoryAndPersistenceScoresExactlyOne(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("symbol,ts,value\n");
        java.util.Random r = new java.util.Random(3);
        double v = 100;
        for (int i = 0; i < 80; i++) {
            v += r.nextGaussian();
            csv.append("RW,").append(1_700_000_000_000L + i * 86_400_000L).append(',').append(v).append('\n');
        }
        Files.writeString(dir.resolve("rw.csv"), csv);
        TickcastConfig persistenceOnly = TickcastConfig.parse(Map.of("experts.statistical", "false", "experts.lstm", "false"));
        List<QualityBench.SeriesScore> scores = QualityBench.run(persistenceOnly, dir, null, s -> { });
        assertEquals(1, scores.size());
        assertEquals(50, scores.get(0).targets());
        assertEquals(1.0, scores.get(0).vsPersistence(), 1e-15);
        Map<String, Object> summary = QualityBench.summary(scores, 0.9);
        assertEquals(1L, summary.get("at_most_persistence"));
        assertThrows(IllegalArgumentException.class, () -> QualityBench.run(persistenceOnly, dir.resolve("none"), null, s -> { }));
    }
}
