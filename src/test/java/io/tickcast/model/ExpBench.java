package io.tickcast.model;

import java.util.SplittableRandom;
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
 * {@link Exp#exp} against {@link Math#exp} over the 625 gate arguments of one H=25, 5-timestep forecast
 * (uniform in [-8, 8]). Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Djmh.args="ExpBench -f 1"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ExpBench {
    private final double[] args = new double[625];
    private final double[] out = new double[625];

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < args.length; i++) {
            args[i] = 16 * rnd.nextDouble() - 8;
        }
    }

    @Benchmark
    public double[] mathExp() {
        for (int i = 0; i < args.length; i++) {
            out[i] = Math.exp(args[i]);
        }
        return out;
    }

    @Benchmark
    public double[] tickcastExp() {
        for (int i = 0; i < args.length; i++) {
            out[i] = Exp.exp(args[i]);
        }
        return out;
    }
}
