package io.tickcast.bench;

import io.tickcast.forecast.AdaptiveConformal;
import io.tickcast.forecast.MlPoly;
import io.tickcast.forecast.PersistenceShrink;
import java.util.Random;
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
 * Cost per horizon step and tick of the aggregation stage (spec §5.4–§6), in steady state: ML-Poly weights + learn
 * for K = 12 experts (4 of them sleeping a quarter of the time), the persistence shrink's gain + learn, and the
 * conformal normaliser + half-width (quickselect over a full window of 100 scores) + learn.
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Djmh.args="AggregationBench -f 1 -wi 3 -i 5"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AggregationBench {

    private static final int K = 12;
    private static final int LEN = 1 << 12;

    private final double[] noise = new double[LEN];
    private final boolean[] awake = new boolean[K];
    private final double[] forecasts = new double[K];
    private final double[] weights = new double[K];
    private MlPoly mlPoly;
    private PersistenceShrink shrink;
    private AdaptiveConformal conformal;
    private int tick;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        for (int i = 0; i < LEN; i++) {
            noise[i] = rnd.nextGaussian();
        }
        mlPoly = new MlPoly(K);
        shrink = new PersistenceShrink();
        conformal = new AdaptiveConformal();
        for (tick = 0; tick < 1000; tick++) {
            mlPoly();
            shrink();
            conformal();
        }
    }

    private double next(int k) {
        return noise[(tick * (K + 3) + k) & (LEN - 1)];
    }

    /** weights(awake, w), the aggregate, learn(...) for K = 12. */
    @Benchmark
    public double mlPoly() {
        int t = tick++;
        for (int k = 0; k < K; k++) {
            awake[k] = k < 8 || ((t + k) & 3) != 0;
            forecasts[k] = 0.1 * (k - 6) + next(k);
        }
        mlPoly.weights(awake, weights);
        double raw = MlPoly.aggregate(weights, forecasts, awake);
        mlPoly.learn(weights, forecasts, awake, raw, next(K), 1.0 + 0.1 * next(K + 1));
        return raw;
    }

    /** gain() then learn(rawChange, actualChange, scale). */
    @Benchmark
    public double shrink() {
        tick++;
        double g = shrink.gain();
        double raw = next(0);
        shrink.learn(raw, 0.3 * raw + next(1), 1.0);
        return g;
    }

    /** normaliser(fallback), halfWidth(nu) over 100 scores, learn(...). */
    @Benchmark
    public double conformal() {
        tick++;
        double nu = conformal.normaliser(1.0);
        double half = conformal.halfWidth(nu);
        double y = next(0);
        conformal.learn(y, 0.0, -half, half, nu);
        return half;
    }
}
