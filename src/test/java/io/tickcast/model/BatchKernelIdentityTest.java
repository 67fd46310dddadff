package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mini-batch kernels (forward and backward over a batch's windows together, the weight gradient accumulated
 * after the batch, the clip factor folded into the optimiser's pass, the weights read in the kernel's layout) give
 * bit for bit what the one-window-at-a-time kernel gave: {@link ScalarLstmNetwork} is that kernel, kept verbatim,
 * driven by {@link #referenceTrain}, a copy of {@code LstmModel.train} as it was. Every weight, every optimiser
 * moment and every returned loss must be {@code ==} (compared as raw bits) after each of several fine-tuning calls on
 * random seeded batches, with forecasts of other models in between (the thread's network pointed elsewhere).
 */
class BatchKernelIdentityTest {

    static Stream<Arguments> cases() {
        LstmConfig prod = LstmConfig.builder().inputSize(6).hiddenSize(25).build();
        TrainConfig prodTrain = TrainConfig.builder().batchSize(16).build();
        return Stream.of(
                Arguments.of("production shape, 64 windows in batches of 16", prod, prodTrain, 64, 5, false),
                Arguments.of("young tick: 4 windows, one batch", prod, prodTrain, 4, 5, false),
                Arguments.of("partial last batch, no clipping, 2 epochs", prod,
                        TrainConfig.builder().batchSize(7).clipNorm(0).epochs(2).build(), 19, 5, false),
                Arguments.of("two layers, peepholes, sigmoid, BPTT 2, Adam, tight clip, horizon 3",
                        LstmConfig.builder().inputSize(3).hiddenSize(9).layers(2).peepholes(true)
                                .activation(Activation.SIGMOID).horizon(3).build(),
                        TrainConfig.builder().optimizer(TrainConfig.OptimizerKind.ADAM).batchSize(5).bpttSteps(2)
                                .clipNorm(0.05).build(), 23, 6, false),
                Arguments.of("three layers, odd sizes, BPTT 1, batch 1", LstmConfig.builder().inputSize(1).hiddenSize(7)
                        .layers(3).horizon(2).build(), TrainConfig.builder().batchSize(1).bpttSteps(1).build(), 9, 4, false),
                Arguments.of("long windows, batch larger than the windows", LstmConfig.builder().inputSize(2).hiddenSize(16)
                        .build(), TrainConfig.builder().batchSize(64).build(), 10, 12, false),
                Arguments.of("batches of 40 over passes of at most 32 windows", prod,
                        TrainConfig.builder().batchSize(40).build(), 90, 5, false),
                Arguments.of("a non-finite target: skipped batches", prod, prodTrain, 48, 5, true),
                Arguments.of("huge learning rate: skipped batches", LstmConfig.builder().inputSize(2).hiddenSize(5).build(),
                        TrainConfig.builder().learningRate(1e300).batchSize(3).clipNorm(0).build(), 12, 3, false),
                Arguments.of("overflowing learning rate: rollbacks", LstmConfig.builder().inputSize(2).hiddenSize(5).build(),
                        TrainConfig.builder().learningRate(Double.MAX_VALUE).batchSize(3).clipNorm(0).build(), 12, 3, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void miniBatchKernelsAreBitIdenticalToTheScalarKernel(String name, LstmConfig cfg, TrainConfig train, int windows,
                                                          int timesteps, boolean nanTarget) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        LstmModel model = LstmModel.create(cfg, train, 42);
        LstmModel reference = LstmModel.create(cfg, train, 42);
        LstmModel other = LstmModel.create(cfg, train, 7);
        ScalarLstmNetwork scalar = new ScalarLstmNetwork(reference.parameters());
        LstmParameters grads = new LstmParameters(cfg);
        LstmParameters backup = new LstmParameters(cfg);
        double[] y = new double[cfg.horizon()];
        double[] yRef = new double[cfg.horizon()];
        for (int call = 0; call < 6; call++) {
            double[][] x = new double[windows][timesteps * cfg.inputSize()];
            double[][] t = new double[windows][cfg.horizon()];
            for (int s = 0; s < windows; s++) {
                for (int i = 0; i < x[s].length; i++) {
                    x[s][i] = 2 * rng.nextDouble() - 1;
                }
                for (int h = 0; h < t[s].length; h++) {
                    t[s][h] = rng.nextDouble() - 0.5;
                }
            }
            if (nanTarget && call % 2 == 1) {
                t[windows / 2][0] = Double.NaN;
            }
            double loss = model.train(x, t, timesteps);
            double lossRef = referenceTrain(reference, scalar, grads, backup, x, t, timesteps);
            assertEquals(Double.doubleToRawLongBits(lossRef), Double.doubleToRawLongBits(loss), "loss of call " + call);
            assertSameBits(reference.parameters(), model.parameters(), "weights after call " + call);
            assertTrue(java.util.Arrays.equals(optimizerBytes(reference), optimizerBytes(model)),
                    "optimiser state after call " + call);
            // Forecasts, with another model's in between (the thread's network is shared).
            other.predict(x[0], timesteps, y);
            model.predict(x[1], timesteps, y);
            double[] r = scalar.forward(x[1], timesteps, null, null);
            System.arraycopy(r, 0, yRef, 0, yRef.length);
            for (int h = 0; h < y.length; h++) {
                assertEquals(Double.doubleToRawLongBits(yRef[h]), Double.doubleToRawLongBits(y[h]), "forecast " + h);
            }
        }
        assertTrue(model.updates() > 0 || train.learningRate() > 1, "trained");
        if (nanTarget) {
            assertTrue(model.skippedSteps() > 0, "the non-finite target's batches were skipped");
        }
        if (train.learningRate() == Double.MAX_VALUE) {
            assertTrue(model.rollbacks() > 0, "steps to non-finite weights were rolled back");
        }
    }

    /** The stored activations of one pass are bounded: at most 32 windows, fewer when they would exceed 8 MB. */
    @Test
    void windowsPerPassBoundTheStoredActivations() {
        LstmNetwork prod = new LstmNetwork(new LstmParameters(LstmConfig.builder().inputSize(6).hiddenSize(25).build()));
        assertEquals(LstmNetwork.MAX_WINDOWS_PER_PASS, prod.windowsPerPass(5));
        LstmNetwork wide = new LstmNetwork(new LstmParameters(LstmConfig.builder().hiddenSize(256).build()));
        assertEquals(32, wide.windowsPerPass(5));
        assertEquals(6, wide.windowsPerPass(50)); // 154,112 doubles per window
        assertEquals(1, wide.windowsPerPass(1000));
    }

    /** {@code LstmModel.train} as it was before the mini-batch kernels, on the scalar kernel. */
    static double referenceTrain(LstmModel m, ScalarLstmNetwork net, LstmParameters grads, LstmParameters backup,
                                 double[][] windows, double[][] targets, int timesteps) {
        TrainConfig train = m.trainConfig();
        LstmParameters params = m.parameters();
        Optimizer optimizer = m.optimizer();
        int horizon = m.config().horizon();
        double[] dOut = new double[horizon];
        double epochLoss = Double.NaN;
        for (int e = 0; e < train.epochs(); e++) {
            double sum = 0;
            int applied = 0;
            for (int from = 0; from < windows.length; from += train.batchSize()) {
                int to = Math.min(windows.length, from + train.batchSize());
                // lossAndGradient
                grads.zero();
                double scale = 1.0 / ((to - from) * (double) horizon);
                double loss = 0;
                net.reloadWeights();
                for (int s = from; s < to; s++) {
                    double[] y = net.forwardCached(windows[s], timesteps, null, null);
                    for (int r = 0; r < horizon; r++) {
                        double err = y[r] - targets[s][r];
                        loss += err * err;
                        dOut[r] = 2.0 * err * scale;
                    }
                    net.backward(dOut, train.bpttSteps(), grads);
                }
                loss *= scale;
                // applyStep
                double sq = grads.sumOfSquares();
                boolean applied1;
                if (!Double.isFinite(loss) || !Double.isFinite(sq)) {
                    applied1 = false;
                } else {
                    double clip = train.clipNorm();
                    double norm = Math.sqrt(sq);
                    if (clip > 0 && norm > clip) {
                        grads.scale(clip / norm);
                    }
                    backup.copyFrom(params);
                    optimizer.snapshot();
                    optimizer.step(params, grads);
                    applied1 = params.allFinite();
                    if (!applied1) {
                        params.copyFrom(backup);
                        optimizer.restore();
                    }
                }
                if (applied1) {
                    sum += loss * (to - from);
                    applied += to - from;
                }
            }
            epochLoss = applied == 0 ? Double.NaN : sum / applied;
        }
        return epochLoss;
    }

    static void assertSameBits(LstmParameters expected, LstmParameters actual, String what) {
        List<DMatrixRMaj> e = expected.tensors();
        List<DMatrixRMaj> a = actual.tensors();
        for (int t = 0; t < e.size(); t++) {
            double[] ed = e.get(t).data;
            double[] ad = a.get(t).data;
            for (int i = 0; i < e.get(t).getNumElements(); i++) {
                if (Double.doubleToRawLongBits(ed[i]) != Double.doubleToRawLongBits(ad[i])) {
                    throw new AssertionError(what + ": tensor " + t + " element " + i + ": expected " + ed[i] + " but was "
                            + ad[i]);
                }
            }
        }
    }

    private static byte[] optimizerBytes(LstmModel m) {
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * m.parameters().size() * m.optimizer().moments());
        m.optimizer().write(b);
        return b.array();
    }
}
