package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LstmModelTest {
    private static final LstmConfig SMALL = LstmConfig.builder().inputSize(2).hiddenSize(6).layers(2).horizon(2)
            .peepholes(true).build();

    private static double[][] windows(long seed, int n, int timesteps, int input) {
        return GradientCheckTest.randomRows(new Random(seed), n, timesteps * input, 1.0);
    }

    @Test
    void stepwiseForwardEqualsUnrolledForward() {
        for (Activation act : Activation.values()) {
            LstmConfig cfg = SMALL.toBuilder().activation(act).build();
            LstmModel m = LstmModel.create(cfg, TrainConfig.builder().build(), 3);
            double[] window = windows(4, 1, 7, 2)[0];
            double[] unrolled = new double[2];
            m.predict(window, 7, unrolled);
            double[] h = new double[2 * 6];
            double[] c = new double[2 * 6];
            double[] hu = new double[2 * 6];
            double[] cu = new double[2 * 6];
            m.network().finalState(hu, cu);
            double[] stepped = new double[2];
            for (int t = 0; t < 7; t++) {
                m.network().step(Arrays.copyOfRange(window, 2 * t, 2 * t + 2), h, c, null, stepped);
            }
            assertArrayEquals(unrolled, stepped, 0.0);
            assertArrayEquals(hu, h, 0.0);
            assertArrayEquals(cu, c, 0.0);
        }
    }

    @Test
    void sameSeedAndDataGiveIdenticalBytes() {
        TrainConfig train = TrainConfig.builder().optimizer(TrainConfig.OptimizerKind.ADAM).batchSize(3).epochs(2)
                .bpttSteps(3).clipNorm(1.0).build();
        byte[][] runs = new byte[2][];
        for (int r = 0; r < 2; r++) {
            LstmModel m = LstmModel.create(SMALL, train, 11);
            m.train(windows(1, 10, 5, 2), windows(2, 10, 1, 2), 5);
            runs[r] = m.toBytes();
        }
        assertArrayEquals(runs[0], runs[1]);
        assertFalse(Arrays.equals(LstmModel.create(SMALL, train, 12).toBytes(), LstmModel.create(SMALL, train, 11).toBytes()),
                "another seed, other weights");
    }

    @Test
    void roundTripContinuesBitIdentically() {
        for (TrainConfig.OptimizerKind kind : TrainConfig.OptimizerKind.values()) {
            TrainConfig train = TrainConfig.builder().optimizer(kind).batchSize(4).bpttSteps(2).build();
            LstmModel a = LstmModel.create(SMALL, train, 21);
            double[][] x = windows(5, 12, 5, 2);
            double[][] y = windows(6, 12, 1, 2);
            a.train(x, y, 5);
            LstmModel b = LstmModel.fromBytes(a.toBytes());
            assertEquals(a.config(), b.config());
            assertEquals(a.trainConfig(), b.trainConfig());
            assertEquals(a.updates(), b.updates());
            double[] pa = new double[2];
            double[] pb = new double[2];
            a.predict(x[0], 5, pa);
            b.predict(x[0], 5, pb);
            assertArrayEquals(pa, pb, 0.0);
            double la = a.train(x, y, 5);
            double lb = b.train(x, y, 5);
            assertEquals(la, lb, 0.0);
            assertArrayEquals(a.toBytes(), b.toBytes());
        }
    }

    @Test
    void trainingReducesTheLoss() {
        LstmConfig cfg = LstmConfig.builder().hiddenSize(8).build();
        LstmModel m = LstmModel.create(cfg, TrainConfig.builder().optimizer(TrainConfig.OptimizerKind.ADAM)
                .learningRate(1e-2).batchSize(8).epochs(50).build(), 1);
        double[][] x = new double[32][5];
        double[][] y = new double[32][1];
        for (int s = 0; s < 32; s++) {
            for (int t = 0; t < 5; t++) {
                x[s][t] = Math.sin(0.3 * (s + t));
            }
            y[s][0] = Math.sin(0.3 * (s + 5));
        }
        double first = LstmModel.create(cfg, m.trainConfig().toBuilder().epochs(1).build(), 1).train(x, y, 5);
        double last = m.train(x, y, 5);
        assertTrue(last < 0.2 * first, "loss " + first + " -> " + last);
        assertEquals(last, m.lastLoss());
        assertEquals(50 * 4, m.updates());
    }

    @Test
    void nonFiniteBatchesAreSkippedAndWeightsStayFinite() {
        LstmModel m = LstmModel.create(SMALL, TrainConfig.builder().batchSize(1).build(), 2);
        double[][] x = windows(1, 3, 4, 2);
        double[][] y = {{0.1, 0.2}, {Double.NaN, 0.0}, {1e300, 0.0}};
        double loss = m.train(x, y, 4);
        assertEquals(1, m.updates());
        assertEquals(2, m.skippedSteps());
        assertTrue(Double.isFinite(loss));
        assertTrue(m.parameters().allFinite());

        double[][] bad = {{Double.NaN, 0, 0, 0, 0, 0, 0, 0}};
        assertTrue(Double.isNaN(m.train(bad, new double[][] {{0, 0}}, 4)));
        assertEquals(3, m.skippedSteps());
        assertTrue(m.parameters().allFinite());
    }

    @Test
    void aStepThatOverflowsTheWeightsIsRolledBack() {
        LstmModel m = LstmModel.create(SMALL, TrainConfig.builder().learningRate(1e308).batchSize(2).build(), 2);
        Map<String, NamedTensor> before = m.exportStateDict();
        byte[] optimizerBefore = optimizerState(m);
        double loss = m.train(windows(1, 2, 4, 2), windows(2, 2, 1, 2), 4);
        assertTrue(Double.isNaN(loss));
        assertEquals(1, m.rollbacks());
        assertEquals(0, m.updates());
        assertEquals(0, m.skippedSteps());
        assertTrue(Double.isNaN(m.lastLoss()));
        // Weights and optimiser state (step count and moments) are as before; only the rollback counter moved.
        assertEquals(before, m.exportStateDict());
        assertTrue(m.parameters().allFinite());
        assertArrayEquals(optimizerBefore, optimizerState(m));
    }

    /** The optimiser's step count and moments, as it writes them. */
    private static byte[] optimizerState(LstmModel m) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 8 * m.parameters().size() * m.optimizer().moments());
        m.optimizer().write(b);
        assertFalse(b.hasRemaining(), "optimiser state size");
        return b.array();
    }

    @Test
    void clippingScalesTheGradientToTheGlobalNormBeforeTheUpdate() {
        double clip = 1e-3;
        LstmModel clipped = LstmModel.create(SMALL, TrainConfig.builder().clipNorm(clip).batchSize(2).build(), 2);
        LstmModel reference = LstmModel.create(SMALL, TrainConfig.builder().batchSize(2).build(), 2);
        double[][] x = windows(1, 2, 4, 2);
        double[][] y = {{50, -50}, {50, 50}};
        reference.lossAndGradient(x, y, 4, 0, 2);
        LstmParameters g = new LstmParameters(SMALL);
        g.importFrom(reference.gradientStateDict());
        double norm = Math.sqrt(g.sumOfSquares());
        assertTrue(norm > clip);
        g.scale(clip / norm);
        new RmsProp(SMALL, 1e-3, 0.9, 1e-7).step(reference.parameters(), g);

        clipped.train(x, y, 4);
        assertEquals(reference.exportStateDict(), clipped.exportStateDict());
    }

    @Test
    void importRejectsMissingAndMisshapenEntries() {
        LstmModel m = LstmModel.create(SMALL, TrainConfig.builder().build(), 1);
        Map<String, NamedTensor> dict = new LinkedHashMap<>(m.exportStateDict());
        dict.remove("lstm.weight_hh_l1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LstmModel.fromStateDict(SMALL, m.trainConfig(), dict));
        assertTrue(e.getMessage().contains("lstm.weight_hh_l1") && e.getMessage().contains("[24, 6]"), e.getMessage());

        dict.put("lstm.weight_hh_l1", NamedTensor.matrix("lstm.weight_hh_l1", new double[6][24]));
        e = assertThrows(IllegalArgumentException.class, () -> LstmModel.fromStateDict(SMALL, m.trainConfig(), dict));
        assertTrue(e.getMessage().contains("lstm.weight_hh_l1") && e.getMessage().contains("expected [24, 6]"), e.getMessage());
    }

    @Test
    void fromBytesRejectsBadInput() {
        byte[] good = LstmModel.create(SMALL, TrainConfig.builder().build(), 1).toBytes();
        byte[] badActivation = good.clone();
        badActivation[16] = 9; // after inputSize, hiddenSize, layers, horizon
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LstmModel.fromBytes(badActivation))
                .getMessage().contains("unknown activation code 9"));
        byte[] truncated = Arrays.copyOf(good, good.length - 100);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LstmModel.fromBytes(truncated))
                .getMessage().contains("truncated"));
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LstmModel.fromBytes(trailing))
                .getMessage().contains("trailing"));
        assertThrows(IllegalArgumentException.class, () -> LstmModel.fromBytes(new byte[3]));
    }

    @Test
    void stateSizeForTheDefaultModelIsAsDocumented() {
        LstmModel m = LstmModel.create(LstmConfig.builder().build(), TrainConfig.builder().build(), 1);
        assertEquals(2826, m.parameters().size());
        assertEquals(45_343, m.toBytes().length);
    }

    @Test
    void predictDoesNotAllocateInSteadyState() {
        LstmModel m = LstmModel.create(LstmConfig.builder().build(), TrainConfig.builder().batchSize(1).build(), 1);
        double[] w = {0.1, 0.2, 0.3, 0.4, 0.5};
        double[][] ws = {w};
        double[][] ys = {{0.6}};
        double[] out = new double[1];
        for (int i = 0; i < 20_000; i++) {
            m.predict(w, 5, out);
            m.train(ws, ys, 5);
        }
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1000; i++) {
            m.predict(w, 5, out);
            m.train(ws, ys, 5);
        }
        long allocated = bean.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1000, "allocated " + allocated + " bytes in 1000 predict+train calls");
        assertFalse(Double.isNaN(out[0]));
    }
}
