package tickcast.tools;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 24, item 1's open question: how fast the LSTM's forward gate products can run with explicit vector code
 * (the incubator Vector API of JDK 17) against C2's auto-vectorised loop, with the same bits. One timestep of a
 * batch of 16 windows: z_w = bias + Σ_r W[r] · xh_w[r] over the 31 rows of [x; h] (6 inputs, H = 25) and the
 * 100 gates, every element an ordered chain of {@link Math#fma} over r (what {@code LstmNetwork.rowsAxpy} does):
 * 16 × 31 × 100 multiply-adds = 99,200 FLOP per call.
 * <ul>
 *   <li>{@code scalarRowsAxpy}: the production kernel's loop (a copy), window by window, four rows per pass;</li>
 *   <li>{@code vectorBlocked}: for each 8-gate chunk, four windows' accumulators held in registers across all 31 rows
 *   (one weight load per four windows, no store until the chunk is done), gates 96–99 scalar.</li>
 * </ul>
 * {@code check()} (run first by {@code main}) asserts both give the same bits. Not part of the build (the module is
 * an incubator one): see {@code README.md} beside this file for the commands.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class VectorProductsBench {
    /** The preferred species, or {@code -Dvb.bits=256} for 4 lanes. */
    static final VectorSpecies<Double> S = Integer.getInteger("vb.bits", 0) == 256 ? DoubleVector.SPECIES_256
            : DoubleVector.SPECIES_PREFERRED;
    static final int WINDOWS = 16;
    static final int ROWS = 31;
    static final int GATES = 100;

    double[][] w = new double[ROWS][GATES];
    double[] bias = new double[GATES];
    double[][] xh = new double[WINDOWS][ROWS];
    double[][] z = new double[WINDOWS][GATES];

    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        for (double[] row : w) {
            for (int j = 0; j < GATES; j++) {
                row[j] = r.nextDouble() - 0.5;
            }
        }
        for (int j = 0; j < GATES; j++) {
            bias[j] = r.nextDouble() - 0.5;
        }
        for (double[] v : xh) {
            for (int i = 0; i < ROWS; i++) {
                v[i] = r.nextDouble() * 2 - 1;
            }
        }
    }

    @Benchmark
    public double[][] scalarRowsAxpy() {
        for (int b = 0; b < WINDOWS; b++) {
            System.arraycopy(bias, 0, z[b], 0, GATES);
            rowsAxpy(w, xh[b], ROWS, z[b]);
        }
        return z;
    }

    @Benchmark
    public double[][] vectorBlocked() {
        int lanes = S.length();
        for (int b = 0; b + 3 < WINDOWS; b += 4) {
            double[] x0 = xh[b];
            double[] x1 = xh[b + 1];
            double[] x2 = xh[b + 2];
            double[] x3 = xh[b + 3];
            int j = 0;
            for (; j + lanes <= GATES; j += lanes) {
                DoubleVector bv = DoubleVector.fromArray(S, bias, j);
                DoubleVector a0 = bv;
                DoubleVector a1 = bv;
                DoubleVector a2 = bv;
                DoubleVector a3 = bv;
                for (int r = 0; r < ROWS; r++) {
                    DoubleVector wv = DoubleVector.fromArray(S, w[r], j);
                    a0 = wv.fma(DoubleVector.broadcast(S, x0[r]), a0);
                    a1 = wv.fma(DoubleVector.broadcast(S, x1[r]), a1);
                    a2 = wv.fma(DoubleVector.broadcast(S, x2[r]), a2);
                    a3 = wv.fma(DoubleVector.broadcast(S, x3[r]), a3);
                }
                a0.intoArray(z[b], j);
                a1.intoArray(z[b + 1], j);
                a2.intoArray(z[b + 2], j);
                a3.intoArray(z[b + 3], j);
            }
            scalarTail(b, j);
        }
        return z;
    }

    /** As {@link #vectorBlocked}, with a register tile of four windows × two chunks (eight accumulators). */
    @Benchmark
    public double[][] vectorTiled() {
        int lanes = S.length();
        for (int b = 0; b + 3 < WINDOWS; b += 4) {
            double[] x0 = xh[b];
            double[] x1 = xh[b + 1];
            double[] x2 = xh[b + 2];
            double[] x3 = xh[b + 3];
            int j = 0;
            for (; j + 2 * lanes <= GATES; j += 2 * lanes) {
                int k = j + lanes;
                DoubleVector bv = DoubleVector.fromArray(S, bias, j);
                DoubleVector bw = DoubleVector.fromArray(S, bias, k);
                DoubleVector a0 = bv;
                DoubleVector a1 = bv;
                DoubleVector a2 = bv;
                DoubleVector a3 = bv;
                DoubleVector c0 = bw;
                DoubleVector c1 = bw;
                DoubleVector c2 = bw;
                DoubleVector c3 = bw;
                for (int r = 0; r < ROWS; r++) {
                    double[] wr = w[r];
                    DoubleVector wv = DoubleVector.fromArray(S, wr, j);
                    DoubleVector ww = DoubleVector.fromArray(S, wr, k);
                    DoubleVector y0 = DoubleVector.broadcast(S, x0[r]);
                    DoubleVector y1 = DoubleVector.broadcast(S, x1[r]);
                    DoubleVector y2 = DoubleVector.broadcast(S, x2[r]);
                    DoubleVector y3 = DoubleVector.broadcast(S, x3[r]);
                    a0 = wv.fma(y0, a0);
                    a1 = wv.fma(y1, a1);
                    a2 = wv.fma(y2, a2);
                    a3 = wv.fma(y3, a3);
                    c0 = ww.fma(y0, c0);
                    c1 = ww.fma(y1, c1);
                    c2 = ww.fma(y2, c2);
                    c3 = ww.fma(y3, c3);
                }
                a0.intoArray(z[b], j);
                a1.intoArray(z[b + 1], j);
                a2.intoArray(z[b + 2], j);
                a3.intoArray(z[b + 3], j);
                c0.intoArray(z[b], k);
                c1.intoArray(z[b + 1], k);
                c2.intoArray(z[b + 2], k);
                c3.intoArray(z[b + 3], k);
            }
            scalarTail(b, j);
        }
        return z;
    }

    /** Gates {@code from}..99 of windows b..b+3, scalar: the same ordered chain of fma over the rows. */
    private void scalarTail(int b, int from) {
        double[] x0 = xh[b];
        double[] x1 = xh[b + 1];
        double[] x2 = xh[b + 2];
        double[] x3 = xh[b + 3];
        for (int j = from; j < GATES; j++) {
            double s0 = bias[j];
            double s1 = s0;
            double s2 = s0;
            double s3 = s0;
            for (int r = 0; r < ROWS; r++) {
                double wr = w[r][j];
                s0 = Math.fma(x0[r], wr, s0);
                s1 = Math.fma(x1[r], wr, s1);
                s2 = Math.fma(x2[r], wr, s2);
                s3 = Math.fma(x3[r], wr, s3);
            }
            z[b][j] = s0;
            z[b + 1][j] = s1;
            z[b + 2][j] = s2;
            z[b + 3][j] = s3;
        }
    }

    /** The production loop ({@code LstmNetwork.rowsAxpy}), copied. */
    static void rowsAxpy(double[][] w, double[] v, int k, double[] z) {
        int n = z.length;
        int r = 0;
        for (; r + 3 < k; r += 4) {
            double v0 = v[r];
            double v1 = v[r + 1];
            double v2 = v[r + 2];
            double v3 = v[r + 3];
            double[] w0 = w[r];
            double[] w1 = w[r + 1];
            double[] w2 = w[r + 2];
            double[] w3 = w[r + 3];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v3, w3[j], Math.fma(v2, w2[j], Math.fma(v1, w1[j], Math.fma(v0, w0[j], z[j]))));
            }
        }
        if (r + 1 < k) {
            double v0 = v[r];
            double v1 = v[r + 1];
            double[] w0 = w[r];
            double[] w1 = w[r + 1];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v1, w1[j], Math.fma(v0, w0[j], z[j]));
            }
            r += 2;
        }
        if (r < k) {
            double v0 = v[r];
            double[] w0 = w[r];
            for (int j = 0; j < n; j++) {
                z[j] = Math.fma(v0, w0[j], z[j]);
            }
        }
    }

    /** Both kernels give the same bits. */
    static void check() {
        VectorProductsBench a = new VectorProductsBench();
        a.setUp();
        double[][] s = deepCopy(a.scalarRowsAxpy());
        double[][] v = deepCopy(a.vectorBlocked());
        double[][] t = a.vectorTiled();
        for (int b = 0; b < WINDOWS; b++) {
            for (int j = 0; j < GATES; j++) {
                if (Double.doubleToRawLongBits(s[b][j]) != Double.doubleToRawLongBits(v[b][j])
                        || Double.doubleToRawLongBits(s[b][j]) != Double.doubleToRawLongBits(t[b][j])) {
                    throw new AssertionError("window " + b + ", gate " + j + ": " + s[b][j] + " vs " + v[b][j]);
                }
            }
        }
        System.out.println("same bits: " + WINDOWS + " windows x " + GATES + " gates; lanes " + S.length());
    }

    static double[][] deepCopy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    public static void main(String[] args) throws Exception {
        check();
        org.openjdk.jmh.Main.main(args);
    }
}
