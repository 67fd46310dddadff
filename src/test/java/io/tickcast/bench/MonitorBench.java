package io.tickcast.bench;

import io.tickcast.stats.BreakMonitor;
import io.tickcast.stats.MonitorConfig;
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
 * The break monitor's cost per tick ({@code docs/breaks.md}): one {@link BreakMonitor#update} per op after
 * {@code warm} ticks of a price random walk (so the regime has that many rows: the cost must be flat in it), period 1
 * (intercept + lag 1) or 24 (with the season's first harmonic). A random walk of 65,536 cent prices, replayed.
 *
 * <pre>
 * ./mvnw -q -o -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Djmh.args="MonitorBench -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MonitorBench {

    @Param({"100", "10000", "1000000"})
    public int warm;

    @Param({"1", "24"})
    public int period;

    private static final int LEN = 1 << 16;
    private final double[] prices = new double[LEN];
    private BreakMonitor monitor;
    private long tick;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        double p = 4000;
        for (int i = 0; i < LEN; i++) {
            p *= Math.exp(0.001 * rnd.nextGaussian());
            prices[i] = Math.round(p * 100) / 100.0;
        }
        // alpha tiny: no signal (a dating) during the measurement, only the per-tick step
        monitor = new BreakMonitor(MonitorConfig.of(1, 20, 1e-6, 1000, 1.0, 200, 0.95, 24));
        for (tick = 0; tick < warm; tick++) {
            monitor.update(tick, prices[(int) (tick & (LEN - 1))], period);
        }
    }

    @Benchmark
    public BreakMonitor.Result update() {
        long t = tick++;
        return monitor.update(t, prices[(int) (t & (LEN - 1))], period);
    }
}
