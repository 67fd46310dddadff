package io.tickcast.bench;

import java.util.concurrent.TimeUnit;

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
 * The arithmetic peak Java reaches on this machine, for issue 24's bound on the LSTM's train step per window: 512
 * doubles (4 KB, in L1), each carried through 8 dependent multiply-then-add steps per call, the elements independent
 * so that C2 vectorises across them and the loads and stores are 1 per 16 FLOP (compute-bound).
 * {@code fma} is {@link Math#fma}, one rounding: the LSTM kernels' arithmetic ({@code LstmNetwork.rowsAxpy},
 * {@code gradientRow}); {@code mulAdd} is {@code v * a + b}, two roundings, for comparison. FLOP per call:
 * 512 × 8 × 2 = 8,192; divide by the time per call for FLOP/s.
 * Run: {@code ./mvnw -q -o -Pbench test-compile exec:exec -Djmh.args="PeakBench -f 1 -wi 5 -i 10"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class PeakBench {
    /** Elements per call. */
    static final int N = 512;
    private final double[] y = new double[N];
    // |a| < 1 and b small keep the values bounded (no denormals, no overflow) however many calls run
    private double a = 0.999;
    private double b = 0.001;

    @Setup
    public void setUp() {
        for (int i = 0; i < N; i++) {
            y[i] = 1.0 + i / (double) N;
        }
    }

    @Benchmark
    public double[] mulAdd() {
        double[] v = y;
        double x = a;
        double c = b;
        for (int i = 0; i < N; i++) {
            double t = v[i];
            t = t * x + c;
            t = t * x + c;
            t = t * x + c;
            t = t * x + c;
            t = t * x + c;
            t = t * x + c;
            t = t * x + c;
            t = t * x + c;
            v[i] = t;
        }
        return v;
    }

    @Benchmark
    public double[] fma() {
        double[] v = y;
        double x = a;
        double c = b;
        for (int i = 0; i < N; i++) {
            double t = v[i];
            t = Math.fma(t, x, c);
            t = Math.fma(t, x, c);
            t = Math.fma(t, x, c);
            t = Math.fma(t, x, c);
            t = Math.fma(t, x, c);
            t = Math.fma(t, x, c);
            t = Math.fma(t, x, c);
            t = Math.fma(t, x, c);
            v[i] = t;
        }
        return v;
    }
}
