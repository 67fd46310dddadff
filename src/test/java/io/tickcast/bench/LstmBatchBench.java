package io.tickcast.bench;

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

import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.TrainConfig;

/**
 * The LSTM expert's shape in production (defaults): 6 inputs, H = 25, 5 timesteps, horizon 1, RMSprop, clip 1,
 * mini-batches of 16. {@code fineTune64} is the periodic fine-tuning call (64 windows, 4 optimiser steps; divide by
 * 64 for the train step per window); {@code youngTick} the training of a young symbol's tick (4 windows, one step)
 * plus its forecast; {@code forecast} one forecast; {@code forecastTwoSymbols} two models' forecasts alternately
 * on one thread (as a task with many symbols: each forecast points the thread's network at another model).
 * The models keep learning from the same cycled noisy windows, so the gradient stays non-zero.
 * Run: {@code ./mvnw -q -o -Pbench test-compile exec:exec -Djmh.args="LstmBatchBench -f 1 -wi 5 -i 10"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class LstmBatchBench {
    private static final int INPUTS = 6;
    private static final int TIMESTEPS = 5;
    private static final int WINDOWS = 64;

    private LstmModel fine;
    private LstmModel young;
    private LstmModel other;
    private final double[][] windows = new double[WINDOWS][TIMESTEPS * INPUTS];
    private final double[][] targets = new double[WINDOWS][1];
    private final double[][] youngWindows = new double[4][];
    private final double[][] youngTargets = new double[4][];
    private final double[] out = new double[1];
    private int next;

    @Setup
    public void setUp() {
        LstmConfig cfg = LstmConfig.builder().inputSize(INPUTS).hiddenSize(25).build();
        TrainConfig train = TrainConfig.builder().batchSize(16).build();
        fine = LstmModel.create(cfg, train, 42);
        young = LstmModel.create(cfg, train, 43);
        other = LstmModel.create(cfg, train, 44);
        SplittableRandom rng = new SplittableRandom(7);
        for (int s = 0; s < WINDOWS; s++) {
            for (int i = 0; i < windows[s].length; i++) {
                windows[s][i] = 0.5 * Math.sin(0.37 * (s + i)) + 0.3 * (rng.nextDouble() - 0.5);
            }
            targets[s][0] = 0.5 * Math.sin(0.37 * (s + windows[s].length)) + 0.3 * (rng.nextDouble() - 0.5);
        }
        fine.train(windows, targets, TIMESTEPS);
        other.train(windows, targets, TIMESTEPS);
    }

    @Benchmark
    public double fineTune64() {
        return fine.train(windows, targets, TIMESTEPS);
    }

    @Benchmark
    public double youngTick() {
        int s = next;
        next = (s + 4) & (WINDOWS - 1);
        for (int i = 0; i < 4; i++) {
            youngWindows[i] = windows[s + i];
            youngTargets[i] = targets[s + i];
        }
        double loss = young.train(youngWindows, youngTargets, TIMESTEPS);
        young.predict(windows[s], TIMESTEPS, out);
        return loss + out[0];
    }

    @Benchmark
    public double[] forecast() {
        fine.predict(windows[next++ & (WINDOWS - 1)], TIMESTEPS, out);
        return out;
    }

    @Benchmark
    public double forecastTwoSymbols() {
        int s = next++ & (WINDOWS - 1);
        fine.predict(windows[s], TIMESTEPS, out);
        double a = out[0];
        other.predict(windows[s], TIMESTEPS, out);
        return a + out[0];
    }
}
