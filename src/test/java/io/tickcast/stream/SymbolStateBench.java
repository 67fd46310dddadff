package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Tick;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The per-tick step of one symbol ({@link SymbolState#accept}) with the production components, free of Kafka and of
 * the stores: {@code lifetime} runs a fresh symbol through 800 ticks of an hourly daily cycle plus noise (what
 * {@code bench e2e} gives each of its 50 symbols), so its time per op over 800 is the mean cost of a tick including
 * the young symbol's training on every tick; {@code matureTick} is one tick of a symbol past its youth, the
 * periodic fine-tune amortised. {@code lstm=false} is the panel without the LSTM, {@code young=0} the LSTM
 * without the young schedule.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Djmh.args="SymbolStateBench -f 1 -wi 3 -i 5"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SymbolStateBench {

    private static final long HOUR = 3_600_000L;

    @State(Scope.Thread)
    public static class Setting {
        @Param({"true", "false"})
        public boolean lstm;

        @Param({"256", "0"})
        public int young;

        ForecastSettings settings;
        Components components;
        double[] values;

        @Setup
        public void setUp() {
            Map<String, String> c = new HashMap<>();
            c.put(TickcastConfig.EXPERTS_LSTM, Boolean.toString(lstm));
            c.put(TickcastConfig.TRAIN_YOUNG, Integer.toString(young));
            TickcastConfig config = TickcastConfig.parse(c);
            settings = ForecastSettings.from(config);
            components = LearningComponents.from(config, settings);
            Random r = new Random(5);
            values = new double[100_000];
            for (int t = 0; t < values.length; t++) {
                values[t] = 20 + 5 * Math.sin(2 * Math.PI * t / 24) + r.nextGaussian();
            }
        }
    }

    /** A symbol past its youth, continuing for as many ticks as the iterations ask for. */
    @State(Scope.Thread)
    public static class Mature {
        SymbolState state;
        int t;

        @Setup(Level.Iteration)
        public void setUp(Setting s) {
            state = SymbolState.create("S", s.settings, s.components);
            for (t = 0; t < 1_000; t++) {
                state.accept(new Tick("S", t * HOUR, s.values[t]));
            }
        }
    }

    @Benchmark
    public SymbolState lifetime(Setting s) {
        SymbolState state = SymbolState.create("S", s.settings, s.components);
        for (int t = 0; t < 800; t++) {
            state.accept(new Tick("S", t * HOUR, s.values[t]));
        }
        return state;
    }

    @Benchmark
    public StepResult matureTick(Setting s, Mature m) {
        int t = m.t++;
        return m.state.accept(new Tick("S", t * HOUR, s.values[t % s.values.length]));
    }
}
