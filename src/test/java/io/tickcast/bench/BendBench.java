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
 * What the bend check costs where it works most ({@code docs/breaks.md}, "Speed"): one op is a fresh monitor over a
 * whole 800-tick smooth curve (monthly growth wandering slowly, a 12-tick pattern, noise), which alarms every few
 * dozen ticks — with {@code bend=true} most alarms are dismissed, each after a dating and two small fits, and the
 * CUSUM soon alarms again; with {@code bend=false} each alarm is a signal, a dating and a restart. Divide by 800 for
 * the cost per tick.
 *
 * <pre>
 * ./mvnw -q -o -Pbench test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:exec -Djmh.args="BendBench -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BendBench {

    @Param({"true", "false"})
    public boolean bend;

    private static final int N = 800;
    private final double[] y = new double[N];
    private MonitorConfig config;

    @Setup
    public void setUp() {
        Random rnd = new Random(11);
        double level = 1e5;
        for (int t = 0; t < N; t++) {
            level += 200 + 60 * Math.sin(2 * Math.PI * t / 300) + 30 * Math.cos(2 * Math.PI * t / 12)
                    + 8 * rnd.nextGaussian();
            y[t] = level;
        }
        config = MonitorConfig.defaults(24).withBend(bend);
    }

    /** The whole curve through a fresh monitor; returns its signal count (so the work is not dead code). */
    @Benchmark
    public long curve() {
        BreakMonitor m = new BreakMonitor(config);
        for (int t = 0; t < N; t++) {
            m.update(t, y[t], 12);
        }
        return m.signals();
    }
}
