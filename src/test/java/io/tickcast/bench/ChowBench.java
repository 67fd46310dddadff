package io.tickcast.bench;

import io.tickcast.stats.ChowConfig;
import io.tickcast.stats.ChowMode;
import io.tickcast.stats.ChowResult;
import io.tickcast.stats.RollingChow;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@link RollingChow#update} per tick, lags 5 + intercept (k = 6), on a price-like
 * random walk, after the window is full. FIXED should be flat in the window; SCAN is O(window).
 *
 * <p>Run: {@code ./mvnw -q -o -Pbench test-compile exec:exec -Djmh.args="ChowBench -f 1 -wi 3 -i 5"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChowBench {

    @Param({"60", "600", "6000"})
    public int window;

    @Param({"FIXED", "SCAN"})
    public ChowMode mode;

    private static final int LEN = 1 << 16;
    private final double[] prices = new double[LEN];
    private RollingChow detector;
    private long tick;
    private byte[] serialised;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        double p = 4000;
        for (int i = 0; i < LEN; i++) {
            p *= Math.exp(0.001 * rnd.nextGaussian());
            prices[i] = Math.round(p * 100) / 100.0;
        }
        detector = new RollingChow(ChowConfig.builder().window(window).mode(mode).build());
        for (tick = 0; tick < window + 10L; tick++) {
            detector.update(tick, prices[(int) tick]);
        }
        serialised = detector.toBytes();
    }

    @Benchmark
    public ChowResult update() {
        long t = tick++;
        return detector.update(t, prices[(int) (t & (LEN - 1))]);
    }

    /** Serialised state: the ring of window + lags + 1 (value, timestamp) pairs plus the FIXED sums. */
    @Benchmark
    public byte[] toBytes() {
        return detector.toBytes();
    }

    @Benchmark
    public RollingChow fromBytes() {
        return RollingChow.fromBytes(serialised);
    }
}
