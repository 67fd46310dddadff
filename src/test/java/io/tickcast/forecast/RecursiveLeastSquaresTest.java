package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RLS against batch (weighted) ridge least squares solved by EJML's QR, symmetry of P, and the state codec. */
class RecursiveLeastSquaresTest {

    /** A random regression: an intercept and d − 1 Gaussian regressors of different scales, y = xᵀθ* + noise. */
    private static double[][] regressors(Random rnd, int n, int d) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            row[0] = 1.0;
            for (int j = 1; j < d; j++) {
                row[j] = (1 + j) * rnd.nextGaussian() + 0.3 * j;
            }
        }
        return x;
    }

    private static double[] targets(Random rnd, double[][] x) {
        int d = x[0].length;
        double[] truth = new double[d];
        for (int j = 0; j < d; j++) {
            truth[j] = 2 * rnd.nextDouble() - 1;
        }
        double[] y = new double[x.length];
        for (int t = 0; t < x.length; t++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += x[t][j] * truth[j];
            }
            y[t] = s + 0.5 * rnd.nextGaussian();
        }
        return y;
    }

    /**
     * argmin Σ_t λ^(n−1−t) (y_t − x_tᵀθ)² + λ^n (1/δ) |θ|², by QR on the stacked system [√w_t x_t; √(λ^n/δ) I].
     */
    private static double[] batchRidge(double[][] x, double[] y, double lambda, double delta) {
        int n = x.length;
        int d = x[0].length;
        DMatrixRMaj a = new DMatrixRMaj(n + d, d);
        DMatrixRMaj b = new DMatrixRMaj(n + d, 1);
        for (int t = 0; t < n; t++) {
            double w = Math.sqrt(Math.pow(lambda, n - 1 - t));
            for (int j = 0; j < d; j++) {
                a.set(t, j, w * x[t][j]);
            }
            b.set(t, 0, w * y[t]);
        }
        double ridge = Math.sqrt(Math.pow(lambda, n) / delta);
        for (int j = 0; j < d; j++) {
            a.set(n + j, j, ridge);
        }
        LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquares(n + d, d);
        assertTrue(qr.setA(a));
        DMatrixRMaj theta = new DMatrixRMaj(d, 1);
        qr.solve(b, theta);
        return theta.getData();
    }

    private static double relativeError(double[] expected, RecursiveLeastSquares rls) {
        double num = 0;
        double den = 0;
        for (int j = 0; j < expected.length; j++) {
            double e = rls.theta(j) - expected[j];
            num += e * e;
            den += expected[j] * expected[j];
        }
        return Math.sqrt(num / den);
    }

    @ParameterizedTest(name = "d={0} lambda={1} delta={2} n={3}")
    @CsvSource({
        "1, 1.0, 1.0, 50",
        "2, 1.0, 1.0, 300",
        "4, 1.0, 1.0, 300",
        "6, 1.0, 1.0, 300",
        "6, 1.0, 1e4, 300",
        "3, 1.0, 1e6, 100",
        "6, 1.0, 0.01, 300",
        "4, 0.995, 1.0, 500",
        "6, 0.99, 1.0, 400",
        "6, 0.95, 1e3, 200",
    })
    void equalsTheBatchRidgeSolutionAfterEveryUpdate(int d, double lambda, double delta, int n) {
        Random rnd = new Random(1_000 * d + n);
        double[][] x = regressors(rnd, n, d);
        double[] y = targets(rnd, x);
        RecursiveLeastSquares rls = new RecursiveLeastSquares(d, lambda, delta);
        double worst = 0;
        for (int t = 0; t < n; t++) {
            rls.update(x[t], y[t]);
            if ((t + 1) % 10 == 0 || t + 1 == n || t < d + 2) {
                double[][] xs = Arrays.copyOf(x, t + 1);
                double[] ys = Arrays.copyOf(y, t + 1);
                worst = Math.max(worst, relativeError(batchRidge(xs, ys, lambda, delta), rls));
            }
        }
        assertEquals(n, rls.updates());
        assertTrue(worst <= 1e-9, "largest relative error of θ against the batch ridge solution: " + worst);
    }

    /** An RLS fed the first {@code updates} rows of x, y. */
    private static RecursiveLeastSquares fed(double[][] x, double[] y, double lambda, int updates) {
        RecursiveLeastSquares rls = new RecursiveLeastSquares(x[0].length, lambda, 1.0);
        for (int t = 0; t < updates; t++) {
            rls.update(x[t], y[t]);
        }
        return rls;
    }

    @Test
    void keepsPExactlySymmetricAndPredictsWithTheCurrentCoefficients() {
        Random rnd = new Random(7);
        int d = 6;
        double[][] x = regressors(rnd, 2000, d);
        RecursiveLeastSquares rls = fed(x, targets(rnd, x), 0.999, x.length);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(Double.doubleToRawLongBits(rls.p(i, j)), Double.doubleToRawLongBits(rls.p(j, i)));
            }
            assertTrue(rls.p(i, i) > 0);
        }
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += x[5][j] * rls.theta(j);
        }
        assertEquals(s, rls.predict(x[5]));
    }

    @Test
    void aFreshInstanceHasThePrior() {
        RecursiveLeastSquares rls = new RecursiveLeastSquares(3, 1.0, 2.5);
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, rls.theta(i));
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 2.5 : 0.0, rls.p(i, j));
            }
        }
        assertEquals(0, rls.updates());
    }

    @Test
    void stateRoundTripContinuesBitIdentically() {
        Random rnd = new Random(11);
        int d = 5;
        double[][] x = regressors(rnd, 400, d);
        double[] y = targets(rnd, x);
        RecursiveLeastSquares a = fed(x, y, 0.99, 200);
        ByteBuffer buf = ByteBuffer.allocate(a.stateBytes() + 3);
        buf.put((byte) 9);
        a.writeState(buf);
        assertEquals(1 + a.stateBytes(), buf.position());
        buf.flip().get();
        RecursiveLeastSquares b = new RecursiveLeastSquares(d, 0.99, 1.0);
        b.readState(buf);
        assertEquals(1 + a.stateBytes(), buf.position());
        for (int t = 200; t < 400; t++) {
            a.update(x[t], y[t]);
            b.update(x[t], y[t]);
        }
        assertArrayEquals(state(a), state(b));
    }

    @Test
    void readingAnotherConfigurationOrATruncatedStateFailsAndChangesNothing() {
        RecursiveLeastSquares a = new RecursiveLeastSquares(3, 1.0, 1.0);
        a.update(new double[] {1, 2, 3}, 4);
        byte[] bytes = state(a);
        RecursiveLeastSquares fresh = new RecursiveLeastSquares(3, 1.0, 1.0);
        byte[] before = state(fresh);
        assertThrows(IllegalArgumentException.class, () -> new RecursiveLeastSquares(4, 1.0, 1.0).readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class, () -> new RecursiveLeastSquares(3, 0.99, 1.0).readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class, () -> new RecursiveLeastSquares(3, 1.0, 10.0).readState(ByteBuffer.wrap(bytes)));
        assertThrows(IllegalArgumentException.class,
                () -> fresh.readState(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 1))));
        assertArrayEquals(before, state(fresh));
        assertThrows(IllegalArgumentException.class, () -> new RecursiveLeastSquares(0, 1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RecursiveLeastSquares(2, 1.5, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RecursiveLeastSquares(2, 1.0, 0.0));
    }

    private static byte[] state(RecursiveLeastSquares r) {
        ByteBuffer b = ByteBuffer.allocate(r.stateBytes());
        r.writeState(b);
        assertEquals(0, b.remaining());
        return b.array();
    }
}
