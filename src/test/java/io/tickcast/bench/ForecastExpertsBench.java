package io.tickcast.bench;

import io.tickcast.forecast.ArrayHistory;
import io.tickcast.forecast.Drift;
import io.tickcast.forecast.EtsFamily;
import io.tickcast.forecast.OnlineExpert;
import io.tickcast.forecast.Persistence;
import io.tickcast.forecast.SeasonalNaive;
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
 * Cost of one tick of the simple experts and the exponential-smoothing families: push the value into the 400-value
 * history, then {@code observe} and {@code forecast} (horizon 1), in steady state (after 500 ticks), on a positive
 * price-like series with a season of 12. {@code ets} is the five families together (218 members at m = 12), what
 * the forecaster runs per tick per symbol.
 *
 * <p>Run: {@code ./mvnw -q -o -Pbench test-compile exec:exec -Djmh.args="ForecastExpertsBench -f 1 -wi 3 -i 5"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForecastExpertsBench {

    private static final int PERIOD = 12;
    private static final int HORIZON = 1;

    @Param({"persistence", "snaive", "drift", "ses", "holt", "lholt", "hw", "lhw", "ets"})
    public String expert;

    private static final int LEN = 1 << 16;
    private final double[] prices = new double[LEN];
    private final double[] out = new double[HORIZON];
    private OnlineExpert[] experts;
    private ArrayHistory history;
    private int tick;

    private static OnlineExpert[] make(String name) {
        return switch (name) {
            case "persistence" -> new OnlineExpert[] {new Persistence()};
            case "snaive" -> new OnlineExpert[] {new SeasonalNaive(PERIOD, HORIZON)};
            case "drift" -> new OnlineExpert[] {new Drift(HORIZON)};
            case "ses" -> new OnlineExpert[] {EtsFamily.ses(HORIZON)};
            case "holt" -> new OnlineExpert[] {EtsFamily.holt(HORIZON)};
            case "lholt" -> new OnlineExpert[] {EtsFamily.logHolt(HORIZON)};
            case "hw" -> new OnlineExpert[] {EtsFamily.holtWinters(PERIOD, HORIZON)};
            case "lhw" -> new OnlineExpert[] {EtsFamily.logHoltWinters(PERIOD, HORIZON)};
            case "ets" -> new OnlineExpert[] {EtsFamily.ses(HORIZON), EtsFamily.holt(HORIZON),
                EtsFamily.logHolt(HORIZON), EtsFamily.holtWinters(PERIOD, HORIZON),
                EtsFamily.logHoltWinters(PERIOD, HORIZON)};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        double p = 4000;
        for (int i = 0; i < LEN; i++) {
            p *= Math.exp(0.001 * rnd.nextGaussian());
            prices[i] = Math.round(p * (1 + 0.002 * Math.sin(2 * Math.PI * i / PERIOD)) * 100) / 100.0;
        }
        experts = make(expert);
        history = new ArrayHistory(400);
        for (tick = 0; tick < 500; tick++) {
            step();
        }
    }

    private double step() {
        history.push(prices[tick & (LEN - 1)]);
        double sum = 0;
        for (OnlineExpert e : experts) {
            e.observe(history, 4.0);
            if (e.forecast(history, out)) {
                sum += out[0];
            }
        }
        return sum;
    }

    /** One tick: push, then observe and forecast with every expert of the set. */
    @Benchmark
    public double observeAndForecast() {
        tick++;
        return step();
    }
}
