package io.tickcast.bench;

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

import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmModel;
import io.tickcast.model.TrainConfig;

/**
 * One symbol's hot path: 1 input, 5 timesteps, batch 1, float64. {@code forecast} is one forward pass and
 * head; {@code trainStep} is forward, backward, RMSprop update (plus the finite checks and the rollback copy).
 * {@code trainStep} repeats one (window, target) pair, so after ~1000 calls the model fits it exactly: the
 * loss and gradient become exactly 0 and RMSprop's mean square decays into subnormal numbers, whose
 * arithmetic is slow on x86. {@code trainStepStream} cycles through 64 windows of a noisy sine (as a live
 * stream would), so the gradient stays non-zero.
 * Run: {@code ./mvnw -q -o -Pbench test-compile exec:exec -Djmh.args="LstmBench -f 1 -wi 3 -i 5 -prof gc"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LstmBench {
    private static final int TIMESTEPS = 5;

    @Param({"25", "128", "256"})
    public int hidden;

    private LstmModel model;
    private final double[] window = {0.10, -0.20, 0.15, 0.05, -0.10};
    private final double[][] windows = {window};
    private final double[][] targets = {{0.07}};
    private final double[] out = new double[1];

    private static final int STREAM = 64;
    private final double[][][] streamWindows = new double[STREAM][1][TIMESTEPS];
    private final double[][][] streamTargets = new double[STREAM][1][1];
    private int next;
    private byte[] serialised;
    /** As the streaming app fine-tunes: all 64 windows in mini-batches of 16 (4 optimiser steps). */
    private LstmModel batchModel;
    private final double[][] allWindows = new double[STREAM][];
    private final double[][] allTargets = new double[STREAM][];

    @Setup
    public void setUp() {
        model = LstmModel.create(LstmConfig.builder().hiddenSize(hidden).build(),
                TrainConfig.builder().batchSize(1).build(), 42);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        double[] series = new double[STREAM + TIMESTEPS];
        for (int i = 0; i < series.length; i++) {
            series[i] = 0.5 * Math.sin(0.37 * i) + 0.1 * (rng.nextDouble() - 0.5);
        }
        for (int s = 0; s < STREAM; s++) {
            System.arraycopy(series, s, streamWindows[s][0], 0, TIMESTEPS);
            streamTargets[s][0][0] = series[s + TIMESTEPS];
        }
        for (int s = 0; s < STREAM; s++) {
            model.train(streamWindows[s], streamTargets[s], TIMESTEPS);
        }
        serialised = model.toBytes();
        batchModel = LstmModel.create(LstmConfig.builder().hiddenSize(hidden).build(),
                TrainConfig.builder().batchSize(16).build(), 42);
        for (int s = 0; s < STREAM; s++) {
            allWindows[s] = streamWindows[s][0];
            allTargets[s] = streamTargets[s][0];
        }
    }

    @Benchmark
    public double[] forecast() {
        model.predict(window, TIMESTEPS, out);
        return out;
    }

    @Benchmark
    public double trainStep() {
        return model.train(windows, targets, TIMESTEPS);
    }

    /** Serialised state (format v1) of the model as left by the benchmarks: weights, RMSprop moments. */
    @Benchmark
    public byte[] toBytes() {
        return model.toBytes();
    }

    @Benchmark
    public LstmModel fromBytes() {
        return LstmModel.fromBytes(serialised);
    }

    /** One fine-tuning call over 64 windows in 4 mini-batches of 16 (per op: 64 forward/backward, 4 steps). */
    @Benchmark
    public double fineTuneBatch16() {
        return batchModel.train(allWindows, allTargets, TIMESTEPS);
    }

    @Benchmark
    public double trainStepStream() {
        int s = next;
        next = (s + 1) & (STREAM - 1);
        return model.train(streamWindows[s], streamTargets[s], TIMESTEPS);
    }
}
