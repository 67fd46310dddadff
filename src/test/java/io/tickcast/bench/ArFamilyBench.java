package io.tickcast.bench;

import io.tickcast.forecast.ArFamily;
import io.tickcast.forecast.RingHistory;
import io.tickcast.forecast.Seasonality;
import java.nio.ByteBuffer;
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
 * Per-tick cost of the four AR families of one symbol (ar_l, ar_d, ar_sd, ar_dsd with m = 12: 12 RLS of
 * dimension 2..6): push the value, observe (score, update) and forecast each, after all are ready. Also the
 * seasonality's per-tick cost (the F-test on 400 values every m ticks) and the families' state codec.
 *
 * <p>Run: {@code ./mvnw -q -o -Pbench test-compile exec:exec -Djmh.args="ArFamilyBench -f 1 -wi 3 -i 5"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArFamilyBench {

    @Param({"1", "3"})
    public int horizon;

    private static final int PERIOD = 12;
    private static final int LEN = 1 << 16;
    private final double[] values = new double[LEN];
    private RingHistory history;
    private ArFamily[] families;
    private Seasonality seasonality;
    private double[] out;
    private long tick;
    private ByteBuffer buffer;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        double level = 100;
        double ar = 0;
        for (int i = 0; i < LEN; i++) {
            level += 0.05 * rnd.nextGaussian();
            ar = 0.5 * ar + rnd.nextGaussian();
            values[i] = level + 2 * Math.sin(2 * Math.PI * i / PERIOD) + ar;
        }
        history = new RingHistory();
        families = new ArFamily[] {ArFamily.levels(horizon), ArFamily.differences(horizon),
            ArFamily.seasonalDifferences(PERIOD, horizon), ArFamily.doubleDifferences(PERIOD, horizon)};
        seasonality = Seasonality.inferred();
        out = new double[horizon];
        for (tick = 0; tick < 500; tick++) {
            step();
            seasonality.observe(tick * 2_629_800_000L, history);
        }
        int bytes = 0;
        for (ArFamily f : families) {
            bytes += f.stateBytes();
        }
        buffer = ByteBuffer.allocate(bytes);
    }

    private double step() {
        history.push(values[(int) (tick & (LEN - 1))]);
        double sum = 0;
        for (ArFamily f : families) {
            f.observe(history, 1.0);
            if (f.forecast(history, out)) {
                sum += out[horizon - 1];
            }
        }
        return sum;
    }

    /** One tick of the four families. */
    @Benchmark
    public double tick() {
        tick++;
        return step();
    }

    /** One tick of the seasonality (an F-test on the ring every 12th tick). */
    @Benchmark
    public boolean seasonality() {
        history.push(values[(int) (tick++ & (LEN - 1))]);
        seasonality.observe(tick * 2_629_800_000L, history);
        return seasonality.on();
    }

    /** Writes then reads back the four families' state. */
    @Benchmark
    public int stateRoundTrip() {
        buffer.clear();
        for (ArFamily f : families) {
            f.writeState(buffer);
        }
        buffer.flip();
        for (ArFamily f : families) {
            f.readState(buffer);
        }
        return buffer.position();
    }
}
