package io.tickcast.stream;

import io.tickcast.serde.DeadLetterReason;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Tick;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-tick step of one symbol, with a fake model behind the LSTM expert's seam. */
class SymbolStateTest {

    private static final double Z90 = 1.6448536269514722;

    /** timesteps 3, the given horizon, train.min 10, train.every 4, buffer 8, half-life 8, level 0.9, window 50. */
    private static ForecastSettings settings(int horizon, boolean blend) {
        return new ForecastSettings(3, horizon, 10, 4, 8, 8, 0.9, 50, blend, Z90);
    }

    /**
     * A model whose forecast of step h is {@code (h+1)·bias}, where bias is the mean of the first target of its
     * latest training call; it counts its calls as updates and keeps the windows it was given.
     */
    static final class FakeModel implements ChangeModel {
        long updates;
        double bias;
        final List<double[][]> windows = new ArrayList<>();
        final List<double[][]> targets = new ArrayList<>();

        @Override
        public void predict(double[] window, int timesteps, double[] out) {
            for (int h = 0; h < out.length; h++) {
                out[h] = (h + 1) * bias;
            }
        }

        @Override
        public double train(double[][] w, double[][] t, int count, int timesteps) {
            double[][] wc = new double[count][];
            double[][] tc = new double[count][];
            double sum = 0;
            for (int i = 0; i < count; i++) {
                wc[i] = w[i].clone();
                tc[i] = t[i].clone();
                sum += t[i][0];
            }
            windows.add(wc);
            targets.add(tc);
            bias = sum / count;
            updates++;
            return 0.25;
        }

        @Override
        public long updates() {
            return updates;
        }

        @Override
        public long skippedSteps() {
            return 0;
        }

        @Override
        public long rollbacks() {
            return 0;
        }

        @Override
        public double lastLoss() {
            return updates == 0 ? Double.NaN : 0.25;
        }

        @Override
        public int stateBytes() {
            return 16;
        }

        @Override
        public void writeState(ByteBuffer out) {
            out.putLong(updates).putDouble(bias);
        }
    }

    /** Makes LSTM experts over fake models, and restores them from their records. */
    static class FakeKind extends LstmExpert.Kind {
        FakeKind(ForecastSettings settings) {
            super(settings);
        }

        @Override
        ChangeModel newModel(String symbol) {
            return new FakeModel();
        }

        @Override
        ChangeModel readModel(ByteBuffer in) {
            FakeModel m = new FakeModel();
            m.updates = in.getLong();
            m.bias = in.getDouble();
            return m;
        }
    }

    private static Components components(ForecastSettings cfg) {
        return new Components(List.of(new FakeKind(cfg)), null);
    }

    private static Components persistenceOnly() {
        return new Components(List.of(), null);
    }

    private static StepResult tick(SymbolState s, long ts, double value) {
        return s.accept(new Tick("S", ts, value));
    }

    @Test
    void aNewSymbolForecastsPersistenceUntilItsModelHasTrainedAndTrainMinTicksHavePassed() {
        ForecastSettings cfg = settings(1, false);
        SymbolState s = SymbolState.create("S", cfg, components(cfg));
        // A ramp with step 2: every change is 2, so the EW scale of the changes is exactly 2 and scaled changes are 1.
        for (int t = 1; t <= 12; t++) {
            StepResult r = tick(s, t, 2.0 * t);
            Forecast f = r.forecast();
            boolean trainsNow = t % 4 == 0 && t >= 3 + 1 + 1;
            assertEquals(trainsNow, r.training() != null, "tick " + t);
            if (t < 10) {
                assertTrue(f.warmup(), "tick " + t);
                assertEquals("persistence", f.source());
                assertEquals(2.0 * t, f.steps().get(0).forecast(), 0.0);
                assertEquals(0.0, r.modelWeight());
            } else {
                // Trained at ticks 4 and 8 on targets (v[t+1] − v[t]) / 2 = 1: the fake forecasts a change of 1 × scale.
                assertFalse(f.warmup(), "tick " + t);
                assertEquals("lstm", f.source());
                assertEquals(2.0 * t + 2.0, f.steps().get(0).forecast(), 1e-12);
                assertEquals(1.0, r.modelWeight());
            }
            assertEquals(t, f.ticks());
        }
    }

    @Test
    void trainingWindowsAreTheLatestScaledChangesWithTheirScaledCumulativeTargets() {
        ForecastSettings cfg = settings(2, false);
        FakeModel model = new FakeModel();
        SymbolState s = SymbolState.create("S", cfg, new Components(List.of(new FakeKind(cfg) {
            @Override
            ChangeModel newModel(String symbol) {
                return model;
            }
        }), null));
        for (int t = 1; t <= 20; t++) {
            tick(s, t, 3.0 * t);
        }
        // Calls at ticks 8, 12, 16, 20 (tick 4 has too few values for 3 changes and 2 targets).
        assertEquals(4, model.windows.size());
        double[][] last = model.windows.get(3);
        double[][] targets = model.targets.get(3);
        assertEquals(8, last.length, "train.buffer windows");
        for (int w = 0; w < last.length; w++) {
            assertArrayEquals(new double[] {1, 1, 1}, last[w], 1e-12);
            assertArrayEquals(new double[] {1, 2}, targets[w], 1e-12);
        }
    }

    @Test
    void eachHorizonStepIsScoredWhenItsActualArrivesAndSetsItsOwnConformalQuantile() {
        ForecastSettings cfg = settings(3, true);
        SymbolState s = SymbolState.create("S", cfg, persistenceOnly());
        // Ramp with step 2, persistence only: the forecast of step h made at v is v, its actual v + 2(h+1), so
        // every normalised residual of step h is h + 1.
        Forecast f = null;
        for (int t = 1; t <= 30; t++) {
            f = tick(s, t, 2.0 * t).forecast();
            if (t == 5) {
                // Step h has 4 − h scored residuals, fewer than the 9 the quantile needs: the normal interval z·s·√(h+1).
                for (int h = 0; h < 3; h++) {
                    Forecast.Step st = f.steps().get(h);
                    assertEquals(Z90 * 2.0 * Math.sqrt(h + 1.0), st.upper() - st.forecast(), 1e-12, "step " + h);
                }
            }
        }
        for (int h = 0; h < 3; h++) {
            Forecast.Step st = f.steps().get(h);
            assertEquals(60.0, st.forecast(), 0.0);
            assertEquals(2.0 * (h + 1), st.upper() - st.forecast(), 1e-12, "step " + (h + 1));
            assertEquals(2.0 * (h + 1), st.forecast() - st.lower(), 1e-12, "step " + (h + 1));
        }
        // One-step scores: 29 scored, every error 2 for both the forecast (persistence) and persistence.
        assertEquals(29, f.score().n());
        assertEquals(2.0, f.score().rmse(), 1e-12);
        assertEquals(2.0, f.score().persistenceRmse(), 1e-12);
        // Made at ticks 1 and 2 (no scale yet: zero width), the forecasts miss; at 3..10 the normal interval
        // (±3.29) holds the actual; from 11 the quantile (10 residuals) puts it on the upper bound, which counts.
        assertEquals(27.0 / 29, f.score().coverage(), 1e-12);
    }

    @Test
    void theConformalHalfWidthIsTheRankedResidualTimesTheCurrentScale() {
        ConformalIntervals c = new ConformalIntervals(2, 100);
        // The quantile needs n ≥ ⌈1/(1 − level)⌉ − 1 residuals: 10 at level 0.9, as 1/(1 − 0.9) is 10.000000000000002.
        for (int i = 1; i <= 9; i++) {
            c.add(1, i);
        }
        assertEquals(Z90 * 3.0 * Math.sqrt(2.0), c.halfWidth(1, 3.0, 0.9, Z90), 1e-12, "9 residuals: normal");
        c.add(1, 10);
        // n = 10: rank ⌈11 · 0.9⌉ = 10, the largest.
        assertEquals(3.0 * 10, c.halfWidth(1, 3.0, 0.9, Z90), 1e-12);
        for (int i = 21; i >= 3; i -= 2) {
            c.add(1, i / 2.0); // 10.5, 9.5, ..., 1.5: out of order on purpose
        }
        // n = 20: rank ⌈21 · 0.9⌉ = 19 of {1, 1.5, 2, ..., 10.5}: the 19th is 10.
        assertEquals(3.0 * 10, c.halfWidth(1, 3.0, 0.9, Z90), 1e-12);
        c.add(1, 0.25);
        // n = 21: rank ⌈22 · 0.9⌉ = 20 of {0.25, 1, 1.5, ..., 10.5}: still 10.
        assertEquals(3.0 * 10, c.halfWidth(1, 3.0, 0.9, Z90), 1e-12);
        assertEquals(Z90 * 3.0, c.halfWidth(0, 3.0, 0.9, Z90), 1e-12, "step 1 has its own residuals: none yet");
        assertEquals(0.0, c.halfWidth(0, Double.NaN, 0.9, Z90), "no scale yet");
    }

    @Test
    void thePendingRingKeepsTheLatestHorizonForecastsNewestFirst() {
        PendingForecasts ring = new PendingForecasts(3, 1);
        for (int i = 0; i < 5; i++) {
            ring.push(new PendingForecast(i, 1, new double[3], new double[3], new double[3], new double[1][3],
                    new boolean[1]));
            assertEquals(Math.min(i + 1, 3), ring.count());
            for (int age = 0; age < ring.count(); age++) {
                assertEquals(i - age, ring.get(age).base(), 0.0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ring.push(new PendingForecast(0, 1, new double[2],
                new double[2], new double[2], new double[1][2], new boolean[1])));
    }

    @Test
    void aTickNotNewerThanTheLatestIsRejectedAndChangesNothing() {
        ForecastSettings cfg = settings(1, true);
        SymbolState s = SymbolState.create("S", cfg, components(cfg));
        SymbolState twin = SymbolState.create("S", cfg, components(cfg));
        for (int t = 1; t <= 5; t++) {
            tick(s, 10 * t, t);
            tick(twin, 10 * t, t);
        }
        StepResult dup = tick(s, 50, 99);
        assertEquals(DeadLetterReason.DUPLICATE, dup.rejection().reason());
        assertTrue(dup.rejection().detail().contains("equals the symbol's last accepted ts 50"));
        assertNull(dup.forecast());
        assertEquals(DeadLetterReason.OUT_OF_ORDER, tick(s, 40, 99).rejection().reason());
        assertEquals(tick(twin, 60, 7).forecast(), tick(s, 60, 7).forecast());
    }

    @Test
    void aRestoredSymbolContinuesExactlyAsAnUninterruptedOne() {
        ForecastSettings cfg = settings(3, true);
        Components c = components(cfg);
        SymbolState uninterrupted = SymbolState.create("S", cfg, c);
        SymbolState first = SymbolState.create("S", cfg, c);
        Map<String, byte[]> stores = new HashMap<>();
        java.util.Random r = new java.util.Random(7);
        double v = 100;
        List<double[]> series = new ArrayList<>();
        for (int t = 1; t <= 60; t++) {
            v += r.nextGaussian();
            series.add(new double[] {t, v});
        }
        for (int i = 0; i < 60; i++) {
            double[] p = series.get(i);
            Forecast a = tick(uninterrupted, (long) p[0], p[1]).forecast();
            if (i < 37) {
                tick(first, (long) p[0], p[1]);
                first.store(stores::put);
            } else {
                // The state as the stores hold it after tick 37, restored once (e.g. on another instance).
                if (i == 37) {
                    first = SymbolState.restore("S", cfg, c, stores::get);
                    assertNotNull(first);
                }
                assertEquals(a, tick(first, (long) p[0], p[1]).forecast(), "tick " + i);
            }
        }
        assertEquals(java.util.Set.of(StoreNames.SERIES, StoreNames.MODELS), stores.keySet(), "no detector configured");
        assertNull(SymbolState.restore("T", cfg, c, store -> null), "no series record: a new symbol");
    }

    @Test
    void recordsOfOtherDimensionsAreRefusedWithTheKeysToChange() {
        ForecastSettings cfg = settings(1, true);
        SymbolState s = SymbolState.create("S", cfg, persistenceOnly());
        tick(s, 1, 1);
        byte[] series = s.encodeSeries();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymbolState.restore("S", settings(2, true), persistenceOnly(), store -> series));
        assertTrue(e.getMessage().contains("horizon 1") && e.getMessage().contains("model.horizon"), e.getMessage());
    }
}
