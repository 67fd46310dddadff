package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
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

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One mature symbol's per-tick step ({@link SymbolState#accept}: score the pending forecasts, let the statistical
 * experts learn, forecast every step and combine) and its forecast's JSON, at horizon 1 and 48 (issue 24 item 4): time
 * and, with {@code -prof gc}, bytes allocated per tick. An hourly seasonal series (period 24) with noise, so the
 * seasonal experts are on; no LSTM (it trains every {@code train.every} ticks, which a per-tick figure would average
 * in) and no detector. Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Djmh.args="SymbolStepBench -prof gc"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class SymbolStepBench {

    @Param({"1", "48"})
    public int horizon;

    private SymbolState state;
    private SplittableRandom rng;
    private long t;

    @Setup(Level.Trial)
    public void setUp() {
        ForecastSettings cfg = ForecastSettings.from(TickcastConfig.parse(Map.of("model.horizon", Integer.toString(horizon))));
        state = SymbolState.create("S", cfg, new Components(null, null));
        rng = new SplittableRandom(42);
        for (int i = 0; i < 3_000; i++) {
            next();
        }
    }

    private StepResult next() {
        t++;
        double v = 100 + 5 * Math.sin(2 * Math.PI * t / 24) + rng.nextGaussian();
        return state.accept(new Tick("S", 1_704_067_200_000L + t * 3_600_000L, v));
    }

    @Benchmark
    public StepResult step() {
        return next();
    }

    @Benchmark
    public byte[] stepAndJson() {
        return Json.toBytes(next().forecast());
    }
}
