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

    /**
     * timesteps 3, the given horizon, train.min 10, train.every 4, buffer 8, half-life 8, level 0.9, score window 50,
     * the period inferred, intervals over 100 scores with ACI step 0.03 and a residual half-life of 30.
     */
    private static ForecastSettings settings(int horizon) {
        return new ForecastSettings(3, horizon, 10, 0, 4, 8, 8, 0.9, 50, 0, 100, 0.03, 30, true, 0.99);
    }

    /**
     * A model whose forecast of step h is {@code (h+1)·bias}, where bias is the mean of the first target of its
     * latest training call (or {@code correction} at every step, where set); it counts its calls as updates and
     * keeps the windows it was given.
     */
    static final class FakeModel implements ChangeModel {
        long updates;
        double bias;
        Double correction;
        final List<double[][]> windows = new ArrayList<>();
        final List<double[][]> targets = new ArrayList<>();

        @Override
        public void predict(double[] window, int timesteps, double[] out) {
            for (int h = 0; h < out.length; h++) {
                out[h] = correction != null ? correction : (h + 1) * bias;
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
        return new Components(new FakeKind(cfg), null);
    }

    private static Components statisticalOnly() {
        return new Components(null, null);
    }

    private static StepResult tick(SymbolState s, long ts, double value) {
        return s.accept(new Tick("S", ts, value));
    }

    @Test
    void theFirstFiveTicksArePersistenceThenThePanelForecastsWithWeightsThatSumToOne() {
        ForecastSettings cfg = settings(1);
        SymbolState s = SymbolState.create("S", cfg, components(cfg));
        long hour = 3_600_000L;
        for (int t = 1; t <= 40; t++) {
            double v = 10 + Math.sin(t / 3.0) + 0.1 * t;
            Forecast f = tick(s, t * hour, v).forecast();
            assertEquals(t, f.ticks());
            if (t < 6) {
                assertTrue(f.warmup(), "tick " + t);
                assertEquals("persistence", f.source());
                assertNull(f.experts());
                assertNull(f.period(), "the period is inferred from the first six timestamps");
                assertEquals(v, f.steps().get(0).forecast(), 0.0);
            } else {
                assertFalse(f.warmup(), "tick " + t);
                assertNotNull(f.experts());
                assertEquals(1.0, f.experts().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
                assertTrue(f.experts().containsKey("persistence") && f.experts().containsKey("holt"), f.experts().toString());
                // Hourly ticks: a daily period of 24 is the candidate, not yet confirmed (it needs two seasons).
                assertEquals(1, f.period());
                assertFalse(f.experts().containsKey("hw"), "seasonal experts sleep until the season is confirmed");
                assertTrue(f.experts().containsKey(f.source()));
            }
        }
    }

    @Test
    void stepsCarryTheirTargetTimesFromTheMedianSpacingOnceItIsKnown() {
        ForecastSettings cfg = settings(3);
        SymbolState s = SymbolState.create("S", cfg, components(cfg));
        long hour = 3_600_000L;
        long ts = 0;
        for (int t = 1; t <= 30; t++) {
            // hourly, with a gap of three hours at tick 3 and one of two after tick 20: the median spacing is an hour
            ts += t == 3 ? 3 * hour : t == 21 ? 2 * hour : hour;
            Forecast f = tick(s, ts, 10 + Math.sin(t / 3.0)).forecast();
            for (Forecast.Step step : f.steps()) {
                if (t < 6) {
                    assertNull(step.ts(), "tick " + t + ": the spacing needs six timestamps");
                } else {
                    assertEquals(ts + step.step() * hour, step.ts(), "tick " + t + " step " + step.step());
                }
            }
        }
    }

    @Test
    void anExpertWhoseForecastIsNotFiniteOrFarBeyondTheSeriesSleepsAndSpoilsNothing() {
        // An LSTM whose corrections are NaN, infinite or 1e300 change scales (finite: it would have joined the
        // combination) is asleep on every tick: the forecasts are those of the statistical experts alone, bit for bit.
        ForecastSettings cfg = settings(2);
        for (double correction : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1e300}) {
            SymbolState alone = SymbolState.create("S", cfg, statisticalOnly());
            FakeModel model = new FakeModel();
            model.correction = correction;
            SymbolState broken = SymbolState.create("S", cfg, new Components(new FakeKind(cfg) {
                @Override
                ChangeModel newModel(String symbol) {
                    return model;
                }
            }, null));
            java.util.Random r = new java.util.Random(3);
            for (int t = 1; t <= 80; t++) {
                double v = 10 + Math.sin(t / 3.0) + 0.1 * r.nextGaussian();
                Forecast a = tick(alone, t * 3_600_000L, v).forecast();
                Forecast b = tick(broken, t * 3_600_000L, v).forecast();
                assertEquals(a.steps(), b.steps(), correction + ", tick " + t);
                assertEquals(a.experts(), b.experts(), correction + ", tick " + t);
            }
            assertTrue(model.updates > 10, "the LSTM trained, so it did forecast");
        }
    }

    @Test
    void theOneStepForecastsDoNotDependOnTheHorizon() {
        // Each step's feedback arrives when its actual does: with horizon 3 the one-step forecasts are those of
        // horizon 1 exactly, intervals included, which they would not be if a step learnt from another's actual.
        ForecastSettings one = settings(1);
        ForecastSettings three = settings(3);
        SymbolState a = SymbolState.create("S", one, statisticalOnly());
        SymbolState b = SymbolState.create("S", three, statisticalOnly());
        java.util.Random r = new java.util.Random(11);
        double v = 50;
        for (int t = 1; t <= 300; t++) {
            v += 0.3 * Math.sin(2 * Math.PI * t / 12) + r.nextGaussian();
            Forecast fa = tick(a, t * 86_400_000L * 30, v).forecast();
            Forecast fb = tick(b, t * 86_400_000L * 30, v).forecast();
            assertEquals(fa.steps().get(0), fb.steps().get(0), "tick " + t);
            assertEquals(3, fb.steps().size());
        }
    }

    @Test
    void theRollingScoresAreTheErrorsOfTheLastWindowOfForecasts() {
        RollingScores scores = new RollingScores(3);
        assertEquals(0, scores.summary(0.9).n());
        scores.add(1, 2, true);
        scores.add(-3, 0, false);
        scores.add(2, 2, true);
        scores.add(4, -2, true); // drops the first
        Forecast.Score sc = scores.summary(0.9);
        assertEquals(3, sc.n());
        assertEquals(Math.sqrt((9 + 4 + 16) / 3.0), sc.rmse(), 1e-12);
        assertEquals(3.0, sc.mae(), 1e-12);
        assertEquals(Math.sqrt((0 + 4 + 4) / 3.0), sc.persistenceRmse(), 1e-12);
        assertEquals(2.0 / 3, sc.coverage(), 1e-12);
    }

    @Test
    void trainingWindowsAreTheLatestInputsWithTheStatisticalForecastsMissesAsTargets() {
        ForecastSettings cfg = settings(2);
        FakeModel model = new FakeModel();
        SymbolState s = SymbolState.create("S", cfg, new Components(new FakeKind(cfg) {
            @Override
            ChangeModel newModel(String symbol) {
                return model;
            }
        }, null));
        long hour = 3_600_000L;
        double[][] base = new double[21][2]; // base[t][h]: the statistical forecast of step h+1 made at tick t
        for (int t = 1; t <= 20; t++) {
            tick(s, t * hour, 3.0 * t);
            for (int h = 0; h < 2; h++) {
                base[t][h] = s.bases.level(0, h, Double.NaN);
            }
        }
        assertTrue(Double.isNaN(base[5][0]) && Double.isFinite(base[6][0]), "the panel is built at the 6th tick");
        // Calls at ticks 8, 12, 16, 20 (tick 4 has too few values for 3 changes and 2 targets).
        assertEquals(4, model.windows.size());
        double[][] last = model.windows.get(3);
        double[][] targets = model.targets.get(3);
        assertEquals(8, last.length, "train.buffer windows");
        // Value index i is tick i + 1, v = 3(i + 1); every change is 3, which is the scale.
        for (int w = 0; w < last.length; w++) {
            int j = 10 + w; // the windows end at value indices 10..17: 17 is the last whose 2 targets are known
            double[] want = new double[3 * LstmInputs.FEATURES];
            for (int i = 0; i < 3; i++) {
                int idx = j - 2 + i;
                double v = 3.0 * (idx + 1);
                int o = i * LstmInputs.FEATURES;
                want[o] = 1; // the change
                want[o + 1] = 0; // no confirmed season
                want[o + 2] = idx / 2.0; // v minus the mean of the idx + 1 values so far, over 3
                double b = base[idx][0]; // made at tick idx, value index idx - 1
                want[o + 3] = (v - (Double.isNaN(b) ? v - 3 : b)) / 3;
                double phase = 2 * Math.PI * ((idx + 2) % 24) / 24.0; // the next value's hour of day
                want[o + 4] = Math.sin(phase);
                want[o + 5] = Math.cos(phase);
            }
            assertArrayEquals(want, last[w], 1e-9, "window ending at value index " + j);
            for (int h = 0; h < 2; h++) {
                double made = base[j + 1][h];
                double b = Double.isNaN(made) ? 3.0 * (j + 1) : made;
                assertEquals((3.0 * (j + h + 2) - b) / 3, targets[w][h], 1e-9, "target " + h + " of window " + j);
            }
        }
    }

    @Test
    void youngSymbolsTrainOnEveryTickOnTheLatestWindows() {
        ForecastSettings young = new ForecastSettings(3, 1, 10, 40, 4, 64, 8, 0.9, 50, 0, 100, 0.03, 30, true, 0.99);
        FakeModel model = new FakeModel();
        SymbolState s = SymbolState.create("S", young, new Components(new FakeKind(young) {
            @Override
            ChangeModel newModel(String symbol) {
                return model;
            }
        }, null));
        for (int t = 1; t <= 48; t++) {
            tick(s, t, Math.sin(t));
        }
        // 4 windows need 3 + 1 + 4 = 8 values: every tick from 8 to 40, then ticks 44 and 48.
        assertEquals(LstmExpert.YOUNG_WINDOWS, 4);
        assertEquals(33 + 2, model.windows.size());
        assertEquals(LstmExpert.YOUNG_WINDOWS, model.windows.get(0).length);
        assertEquals(LstmExpert.YOUNG_WINDOWS, model.windows.get(32).length);
        // Then every window of the buffer: at tick 44 those ending at value indices 3..42.
        assertEquals(40, model.windows.get(33).length);
    }

    @Test
    void thePendingRingKeepsTheLatestHorizonForecastsNewestFirstWithTheirLiveSteps() {
        PendingForecasts ring = new PendingForecasts(3);
        for (int i = 0; i < 7; i++) {
            ring.begin(i, 1, i < 2 ? -1 : 2);
            for (int s = 0; s < 3; s++) {
                ring.set(s, 10 * i + s, -i, i, 0.5, 100 * i + s);
                if (i >= 2) {
                    ring.levelRows()[s][0] = i + s / 10.0;
                    ring.weightRows()[s][1] = -i - s / 10.0;
                }
            }
            assertEquals(Math.min(i + 1, 3), ring.count());
            for (int age = 0; age < ring.count(); age++) {
                int made = i - age;
                assertEquals(made, ring.base(age), 0.0);
                assertEquals(made >= 2, ring.hasPanel(age));
                for (int s = age; s < 3; s++) { // the live steps of the forecast at this age
                    assertEquals(10 * made + s, ring.forecast(age, s), 0.0);
                    assertEquals(100 * made + s, ring.raw(age, s), 0.0);
                    if (made >= 2) {
                        assertEquals(made + s / 10.0, ring.levels(age, s)[0], 0.0);
                        assertEquals(-made - s / 10.0, ring.weights(age, s)[1], 0.0);
                    }
                }
            }
        }
        // written and read back (version 4: live steps only), then the same state continues
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(ring.stateBytes());
        ring.write(b);
        assertEquals(0, b.remaining());
        b.flip();
        PendingForecasts back = new PendingForecasts(3);
        back.read(b, false);
        for (int age = 0; age < 3; age++) {
            assertEquals(ring.base(age), back.base(age), 0.0);
            for (int s = age; s < 3; s++) {
                assertEquals(ring.forecast(age, s), back.forecast(age, s), 0.0);
                assertEquals(ring.levels(age, s)[0], back.levels(age, s)[0], 0.0);
                assertEquals(ring.weights(age, s)[1], back.weights(age, s)[1], 0.0);
            }
        }
    }

    @Test
    void aTickNotNewerThanTheLatestIsRejectedAndChangesNothing() {
        ForecastSettings cfg = settings(1);
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
        ForecastSettings cfg = settings(3);
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
    void noRecordOutgrowsTheBoundTheChangelogsAreSizedBy() {
        for (int horizon : new int[] {1, 20}) {
            // With the period given (24), the bound is that of this symbol; inferred, it allows the longest period.
            ForecastSettings cfg = new ForecastSettings(3, horizon, 10, 0, 4, 8, 8, 0.9, 50, 24, 100, 0.03, 30, true, 0.99);
            long bound = SymbolState.largestRecordBytes(cfg, components(cfg));
            SymbolState s = SymbolState.create("S", cfg, components(cfg));
            java.util.Random r = new java.util.Random(horizon);
            long largest = 0;
            for (int t = 1; t <= 700; t++) {
                // Hourly: the daily season is confirmed, so the seasonal experts hold their states too.
                tick(s, t * 3_600_000L, 50 + 5 * Math.sin(2 * Math.PI * t / 24) + r.nextGaussian());
                largest = Math.max(largest, s.encodeSeries().length);
            }
            assertTrue(largest <= bound, "horizon " + horizon + ": record " + largest + " > bound " + bound);
            assertTrue(largest > 0.5 * bound, "horizon " + horizon + ": the bound " + bound + " is no estimate of " + largest);
        }
    }

    @Test
    void recordsOfOtherDimensionsAreRefusedWithTheKeysToChange() {
        ForecastSettings cfg = settings(1);
        SymbolState s = SymbolState.create("S", cfg, statisticalOnly());
        tick(s, 1, 1);
        byte[] series = s.encodeSeries();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymbolState.restore("S", settings(2), statisticalOnly(), store -> series));
        assertTrue(e.getMessage().contains("horizon 1") && e.getMessage().contains("model.horizon"), e.getMessage());
    }
}
