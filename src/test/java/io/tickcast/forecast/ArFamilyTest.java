package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The families' configuration, readiness, scoring and leader, iterated forecasts, and the state codec. */
class ArFamilyTest {

    /** A trending, seasonal (period 12) AR(2) series. */
    private static double[] series(long seed, int n) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        double a = 0;
        double b = 0;
        for (int t = 0; t < n; t++) {
            double e = 0.6 * a - 0.2 * b + rnd.nextGaussian();
            b = a;
            a = e;
            y[t] = 50 + 0.05 * t + 3 * Math.sin(2 * Math.PI * t / 12) + e;
        }
        return y;
    }

    private static ArFamily[] all(int period, int horizon) {
        return new ArFamily[] {ArFamily.levels(horizon), ArFamily.differences(horizon),
            ArFamily.seasonalDifferences(period, horizon), ArFamily.doubleDifferences(period, horizon)};
    }

    @Test
    void namesOrdersAndDimensions() {
        ArFamily[] f = all(12, 1);
        assertEquals("ar_l ar_d ar_sd ar_dsd",
                String.join(" ", Arrays.stream(f).map(ArFamily::name).toArray(String[]::new)));
        boolean[] seasonal = {false, false, true, true};
        int[][] orders = {{1, 2, 3, 5}, {1, 2, 3, 5}, {1, 2}, {1, 2}};
        int[][] dims = {{2, 3, 4, 6}, {2, 3, 4, 6}, {3, 4}, {3, 4}};
        for (int i = 0; i < f.length; i++) {
            assertEquals(seasonal[i], f[i].seasonal(), f[i].name());
            assertEquals(orders[i].length, f[i].size());
            for (int k = 0; k < f[i].size(); k++) {
                assertEquals(orders[i][k], f[i].order(k));
                assertEquals(dims[i][k], f[i].member(k).dimension());
            }
        }
        assertEquals(12, f[2].period());
        assertEquals(1, f[0].period());
        assertThrows(IllegalArgumentException.class, () -> ArFamily.seasonalDifferences(1, 1));
        assertThrows(IllegalArgumentException.class, () -> ArFamily.levels(0));
    }

    /**
     * r is set at count 8 + offset; each order updates once its largest lag is in the ring; the family forecasts
     * after d + 2 updates of its largest order.
     */
    @ParameterizedTest(name = "m = {0}")
    @ValueSource(ints = {2, 4, 12, 40})
    void readyWhenEveryOrderHasDPlusTwoUpdates(int m) {
        double[] y = series(1, 200);
        ArFamily[] f = all(m, 1);
        int[] offset = {0, 1, m, m + 1};
        int[] maxLag = {5, 5, m, m};
        int[] maxDim = {6, 6, 4, 4};
        RingHistory h = new RingHistory();
        double[] out = new double[1];
        for (int t = 0; t < y.length; t++) {
            h.push(y[t]);
            int count = t + 1;
            for (int i = 0; i < f.length; i++) {
                f[i].observe(h, 1.0);
                int first = Math.max(8 + offset[i], maxLag[i] + offset[i] + 1);
                boolean expected = count >= first + maxDim[i] + 1;
                assertEquals(expected, f[i].forecast(h, out), f[i].name() + " count " + count);
                assertEquals(count >= 8 + offset[i], !Double.isNaN(f[i].referenceScale()), f[i].name() + " r");
                assertEquals(expected, f[i].ready());
            }
        }
    }

    @Test
    void theConditioningScaleIsTheRmsOfTheFirstSevenChanges() {
        double[] y = {3, 5, 4, 8, 8, 9, 7, 10, 100, -50};
        ArFamily f = ArFamily.levels(1);
        ArFamily c = ArFamily.levels(1);
        RingHistory h = new RingHistory();
        RingHistory flat = new RingHistory();
        for (double v : y) {
            h.push(v);
            flat.push(-4);
            f.observe(h, 1.0);
            c.observe(flat, 1.0);
        }
        double ss = 4 + 1 + 16 + 0 + 1 + 4 + 9;
        assertEquals(Math.sqrt(ss / 7), f.referenceScale(), 1e-15);
        assertEquals(5.0, c.referenceScale(), "|y| + 1 when the changes are all 0");
    }

    /** loss_k = Σ ((one-step forecast made at the previous tick − y) / that tick's scale)², leader = argmin. */
    @Test
    void scoresTheKeptOneStepForecastsWithTheirScale() {
        double[] y = series(2, 300);
        Random rnd = new Random(9);
        for (ArFamily f : all(12, 1)) {
            RingHistory h = new RingHistory();
            double[] loss = new double[f.size()];
            double[] prev = null;
            double prevScale = Double.NaN;
            for (double v : y) {
                h.push(v);
                if (prev != null) {
                    for (int k = 0; k < loss.length; k++) {
                        double e = (prev[k] - v) / prevScale;
                        loss[k] += e * e;
                    }
                }
                double scale = 0.5 + rnd.nextDouble();
                f.observe(h, scale);
                prev = null;
                if (f.ready()) {
                    prev = new double[f.size()];
                    for (int k = 0; k < prev.length; k++) {
                        prev[k] = f.oneStep(k);
                    }
                    prevScale = scale;
                }
            }
            int best = 0;
            for (int k = 0; k < loss.length; k++) {
                assertEquals(loss[k], f.loss(k), f.name() + " order " + f.order(k));
                if (loss[k] < loss[best]) {
                    best = k;
                }
            }
            assertEquals(best, f.leader(), f.name());
            double[] out = new double[1];
            assertTrue(f.forecast(h, out));
            assertEquals(f.oneStep(best), out[0]);
        }
    }

    /** The leader's model iterated by hand: ẑ = r·x̂ᵀθ with forecasts fed back, the transform inverted. */
    @Test
    void multiStepForecastsIterateTheLeaderAndInvertTheTransform() {
        int m = 4;
        int horizon = 9;
        double[] y = series(3, 250);
        for (ArFamily f : all(m, horizon)) {
            RingHistory h = new RingHistory();
            for (double v : y) {
                h.push(v);
                f.observe(h, 1.0);
            }
            double[] out = new double[horizon];
            assertTrue(f.forecast(h, out));
            int k = f.leader();
            int p = f.order(k);
            int[] lags = new int[f.seasonal() ? p + 1 : p];
            for (int i = 0; i < p; i++) {
                lags[i] = i + 1;
            }
            if (f.seasonal()) {
                lags[p] = m;
            }
            // y extended with the forecasts; z recomputed from it (all of y is still in the ring)
            double[] ext = Arrays.copyOf(y, y.length + horizon);
            IntFunction<Double> z = i -> switch (f.kind()) {
                case LEVELS -> ext[i];
                case LOG_LEVELS -> Math.log(ext[i]);
                case DIFFERENCES -> ext[i] - ext[i - 1];
                case SEASONAL_DIFFERENCES -> ext[i] - ext[i - m];
                case DOUBLE_DIFFERENCES -> ext[i] - ext[i - 1] - ext[i - m] + ext[i - m - 1];
            };
            double r = f.referenceScale();
            RecursiveLeastSquares rls = f.member(k);
            double[] x = new double[rls.dimension()];
            double[] zf = new double[horizon];
            int now = y.length - 1;
            for (int hh = 1; hh <= horizon; hh++) {
                x[0] = 1;
                for (int i = 0; i < lags.length; i++) {
                    int at = now + hh - lags[i];
                    x[i + 1] = (at <= now ? z.apply(at) : zf[at - now - 1]) / r;
                }
                zf[hh - 1] = rls.predict(x) * r;
                int t = now + hh;
                ext[t] = switch (f.kind()) {
                    case LEVELS -> zf[hh - 1];
                    case LOG_LEVELS -> Math.exp(zf[hh - 1]);
                    case DIFFERENCES -> ext[t - 1] + zf[hh - 1];
                    case SEASONAL_DIFFERENCES -> ext[t - m] + zf[hh - 1];
                    case DOUBLE_DIFFERENCES -> zf[hh - 1] + ext[t - 1] + ext[t - m] - ext[t - m - 1];
                };
                assertEquals(ext[t], out[hh - 1], 1e-12 * Math.abs(ext[t]), f.name() + " step " + hh);
            }
            assertEquals(f.oneStep(k), out[0], f.name() + ": step 1 is the kept one-step forecast");
            double[] shorter = new double[3];
            assertTrue(f.forecast(h, shorter));
            assertArrayEquals(Arrays.copyOf(out, 3), shorter);
            assertThrows(IllegalArgumentException.class, () -> f.forecast(h, new double[horizon + 1]));
        }
    }

    @Test
    void aScaleThatIsNotPositiveAndFiniteIsRefused() {
        ArFamily f = ArFamily.levels(1);
        RingHistory h = new RingHistory();
        h.push(1);
        assertThrows(IllegalArgumentException.class, () -> f.observe(h, 0));
        assertThrows(IllegalArgumentException.class, () -> f.observe(h, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> f.observe(h, Double.POSITIVE_INFINITY));
    }

    /** Run, write, read into a fresh instance, continue both: the same forecasts bit for bit, the same state. */
    @ParameterizedTest(name = "cut after {0} ticks")
    @ValueSource(ints = {0, 5, 12, 27, 150, 420})
    void stateRoundTripContinuesBitIdentically(int cut) {
        int m = 12;
        int horizon = 3;
        double[] y = series(4, 700);
        ArFamily[] a = all(m, horizon);
        ArFamily[] b = null;
        RingHistory h = new RingHistory();
        double[] fa = new double[horizon];
        double[] fb = new double[horizon];
        for (int t = 0; t < y.length; t++) {
            if (t == cut) {
                b = all(m, horizon);
                for (int i = 0; i < a.length; i++) {
                    ByteBuffer buf = ByteBuffer.allocate(a[i].stateBytes() + 2);
                    buf.put((byte) 1);
                    a[i].writeState(buf);
                    assertEquals(1 + a[i].stateBytes(), buf.position());
                    buf.flip().get();
                    b[i].readState(buf);
                    assertEquals(1 + a[i].stateBytes(), buf.position(), "reads exactly what was written");
                }
            }
            h.push(y[t]);
            double scale = 1 + 0.001 * t;
            for (int i = 0; i < a.length; i++) {
                a[i].observe(h, scale);
                boolean ra = a[i].forecast(h, fa);
                if (b != null) {
                    b[i].observe(h, scale);
                    assertEquals(ra, b[i].forecast(h, fb));
                    if (ra) {
                        for (int s = 0; s < horizon; s++) {
                            assertEquals(Double.doubleToRawLongBits(fa[s]), Double.doubleToRawLongBits(fb[s]),
                                    a[i].name() + " t=" + t + " step " + (s + 1));
                        }
                    }
                }
            }
        }
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(state(a[i]), state(b[i]), a[i].name());
            assertTrue(a[i].ready());
        }
    }

    @Test
    void theStateDoesNotDependOnTheHorizon() {
        double[] y = series(5, 100);
        ArFamily one = ArFamily.doubleDifferences(4, 1);
        ArFamily five = ArFamily.doubleDifferences(4, 5);
        RingHistory h = new RingHistory();
        double[] out = new double[5];
        for (double v : y) {
            h.push(v);
            one.observe(h, 1.0);
            five.observe(h, 1.0);
            five.forecast(h, out);
        }
        assertArrayEquals(state(one), state(five));
    }

    @Test
    void readingAnotherKindPeriodOrATruncatedStateFailsAndChangesNothing() {
        double[] y = series(6, 80);
        ArFamily sd = ArFamily.seasonalDifferences(12, 1);
        RingHistory h = new RingHistory();
        for (double v : y) {
            h.push(v);
            sd.observe(h, 1.0);
        }
        byte[] bytes = state(sd);
        ArFamily other = ArFamily.seasonalDifferences(12, 1);
        byte[] before = state(other);
        assertThrows(IllegalArgumentException.class, () -> ArFamily.seasonalDifferences(4, 1).readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class, () -> ArFamily.doubleDifferences(12, 1).readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class, () -> ArFamily.levels(1).readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class,
                () -> other.readState(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 1))));
        byte[] badMember = bytes.clone();
        badMember[bytes.length - sd.member(1).stateBytes() + 3] = 7; // the last order's dimension
        assertThrows(IllegalArgumentException.class, () -> other.readState(ByteBuffer.wrap(badMember)));
        assertArrayEquals(before, state(other));
        other.readState(ByteBuffer.wrap(bytes));
        assertArrayEquals(bytes, state(other));
        assertFalse(Double.isNaN(other.referenceScale()));
    }

    private static byte[] state(OnlineExpert e) {
        ByteBuffer b = ByteBuffer.allocate(e.stateBytes());
        e.writeState(b);
        assertEquals(0, b.remaining());
        return b.array();
    }
}
