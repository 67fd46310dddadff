package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Tick;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A symbol's tick when young against a mature one's (issue 24: "young tick ≤ 2× a mature one"), with the production
 * components (the LSTM expert and the break monitor, defaults) on an hourly seasonal series. {@code young}: a fresh
 * symbol's first {@value #TICKS} ticks ({@code train.young} = 128: the LSTM trains one mini-batch of 4 windows on
 * every tick, the panel and the intervals warm up); {@code mature}: {@value #TICKS} ticks of a symbol restored, before
 * each invocation, from its records after {@value #MATURE} ticks (the LSTM fine-tunes 64 windows every 32 ticks, so
 * 128 ticks hold 4 fine-tunes: the average mature tick). Reported per tick. Both stages see the same values.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Djmh.args="SymbolLifeBench -prof gc"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@State(Scope.Thread)
public class SymbolLifeBench {

    static final int TICKS = 128;
    static final int MATURE = 3_000;
    private static final long T0 = 1_704_067_200_000L;

    @Param({"young", "mature"})
    public String stage;

    private ForecastSettings cfg;
    private Components components;
    private Map<String, byte[]> matureRecords;
    private long first;
    private double[] values;
    private SymbolState state;

    @Setup(Level.Trial)
    public void setUp() {
        TickcastConfig c = TickcastConfig.parse(Map.of());
        cfg = ForecastSettings.from(c);
        components = LearningComponents.from(c, cfg);
        SplittableRandom rng = new SplittableRandom(42);
        values = new double[MATURE + TICKS];
        for (int t = 0; t < values.length; t++) {
            values[t] = 100 + 5 * Math.sin(2 * Math.PI * t / 24) + rng.nextGaussian();
        }
        SymbolState s = SymbolState.create("S", cfg, components);
        for (int t = 0; t < MATURE; t++) {
            s.accept(new Tick("S", T0 + t * 3_600_000L, values[t]));
        }
        matureRecords = s.records();
        first = stage.equals("young") ? 0 : MATURE;
    }

    @Setup(Level.Invocation)
    public void fresh() {
        state = stage.equals("young") ? SymbolState.create("S", cfg, components)
                : SymbolState.restore("S", cfg, components, matureRecords::get);
    }

    @Benchmark
    @OperationsPerInvocation(TICKS)
    public void ticks(Blackhole bh) {
        for (int i = 0; i < TICKS; i++) {
            // The young symbol sees the mature one's next values too: the same series, only the state differs.
            long t = MATURE + i;
            bh.consume(state.accept(new Tick("S", T0 + (first == 0 ? i : t) * 3_600_000L, values[(int) t])));
        }
    }
}
