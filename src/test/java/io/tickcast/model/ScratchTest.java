package io.tickcast.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Models sharing their thread's working memory ({@link Scratch}) behave exactly as if each had its own. */
class ScratchTest {

    private static final LstmConfig CFG = LstmConfig.builder().inputSize(3).hiddenSize(5).layers(2).horizon(2)
            .peepholes(true).build();

    private static double[][] windows(long seed, int n, int timesteps) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] w = new double[n][timesteps * CFG.inputSize()];
        for (double[] row : w) {
            for (int i = 0; i < row.length; i++) {
                row[i] = r.nextGaussian();
            }
        }
        return w;
    }

    private static double[][] targets(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] t = new double[n][CFG.horizon()];
        for (double[] row : t) {
            row[0] = r.nextGaussian();
            row[1] = r.nextGaussian();
        }
        return t;
    }

    /** Trains {@code m} for {@code round} and returns its forecast of a fixed window. */
    private static double[] round(LstmModel m, int round) {
        m.train(windows(round, 8, 4), targets(100 + round, 8), 4);
        double[] out = new double[CFG.horizon()];
        m.predict(windows(999, 1, 4)[0], 4, out);
        return out;
    }

    @Test
    void interleavedModelsOfOneConfigurationMatchModelsTrainedAlone() {
        for (TrainConfig.OptimizerKind kind : TrainConfig.OptimizerKind.values()) {
            TrainConfig train = TrainConfig.builder().optimizer(kind).batchSize(3).build();
            LstmModel aloneA = LstmModel.create(CFG, train, 1);
            LstmModel aloneB = LstmModel.create(CFG, train, 2);
            double[][] expectA = new double[6][];
            double[][] expectB = new double[6][];
            for (int r = 0; r < 6; r++) {
                expectA[r] = round(aloneA, r);
            }
            for (int r = 0; r < 6; r++) {
                expectB[r] = round(aloneB, 50 + r);
            }
            LstmModel a = LstmModel.create(CFG, train, 1);
            LstmModel b = LstmModel.create(CFG, train, 2);
            for (int r = 0; r < 6; r++) {
                assertArrayEquals(expectA[r], round(a, r), kind + " A round " + r);
                assertArrayEquals(expectB[r], round(b, 50 + r), kind + " B round " + r);
            }
            assertArrayEquals(aloneA.toBytes(), a.toBytes(), kind.toString());
            assertArrayEquals(aloneB.toBytes(), b.toBytes(), kind.toString());
        }
    }

    @Test
    void aModelMovingBetweenThreadsContinuesExactly() throws Exception {
        TrainConfig train = TrainConfig.builder().batchSize(2).build();
        LstmModel alone = LstmModel.create(CFG, train, 7);
        LstmModel moving = LstmModel.create(CFG, train, 7);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            for (int r = 0; r < 6; r++) {
                int round = r;
                double[] expected = round(alone, r);
                double[] actual = r % 2 == 0 ? round(moving, r) : other.submit(() -> round(moving, round)).get();
                assertArrayEquals(expected, actual, "round " + r);
            }
            assertNotSame(Scratch.of(CFG), other.submit(() -> Scratch.of(CFG)).get(), "one working memory per thread");
        } finally {
            other.shutdown();
        }
        assertArrayEquals(alone.toBytes(), moving.toBytes());
    }

    @Test
    void oneWorkingMemoryPerConfiguration() {
        LstmConfig same = LstmConfig.builder().inputSize(3).hiddenSize(5).layers(2).horizon(2).peepholes(true).build();
        assertEquals(CFG, same);
        assertSame(Scratch.of(CFG), Scratch.of(same));
        assertNotSame(Scratch.of(CFG), Scratch.of(LstmConfig.builder().inputSize(3).hiddenSize(6).build()));
    }
}
