package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused {@link Optimizer#guardedStep} of each optimiser is bit-identical to the unfused sequence
 * (backup copy, snapshot, step, finite check), also when the step produces a non-finite weight, and its
 * snapshot restores exactly.
 */
class GuardedStepTest {
    private static final LstmConfig CFG = LstmConfig.builder().inputSize(2).hiddenSize(3).layers(2).peepholes(true).horizon(2).build();

    @ParameterizedTest
    @EnumSource(TrainConfig.OptimizerKind.class)
    void fusedStepMatchesTheUnfusedSequence(TrainConfig.OptimizerKind kind) {
        TrainConfig train = TrainConfig.builder().optimizer(kind).build();
        Optimizer fused = Optimizer.create(train, CFG);
        Optimizer plain = Optimizer.create(train, CFG);
        LstmParameters wF = new LstmParameters(CFG);
        LstmParameters wP = new LstmParameters(CFG);
        wF.initUniform(new SplittableRandom(1));
        wP.copyFrom(wF);
        LstmParameters backupF = new LstmParameters(CFG);
        LstmParameters backupP = new LstmParameters(CFG);
        LstmParameters g = new LstmParameters(CFG);
        for (int s = 0; s < 6; s++) {
            g.initUniform(new SplittableRandom(100 + s));
            if (s == 4) {
                // A NaN gradient element makes its weight NaN: the step must be undone.
                g.array[1].data[2] = Double.NaN;
            }
            boolean okF = fused.guardedStep(wF, g, backupF);
            backupP.copyFrom(wP);
            plain.snapshot();
            plain.step(wP, g);
            boolean okP = wP.allFinite();
            assertEquals(okP, okF, "step " + s);
            assertEquals(s != 4, okF, "step " + s);
            assertEquals(wP.export(), wF.export(), "weights, step " + s);
            assertEquals(backupP.export(), backupF.export(), "backup, step " + s);
            assertEquals(plain.steps(), fused.steps());
            if (!okF) {
                wF.copyFrom(backupF);
                wP.copyFrom(backupP);
                fused.restore();
                plain.restore();
                assertEquals(plain.steps(), fused.steps());
            }
        }
        assertEquals(bytesOf(plain), bytesOf(fused));
    }

    private static String bytesOf(Optimizer o) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 8 * new LstmParameters(CFG).size() * o.moments());
        o.write(b);
        return java.util.Arrays.toString(b.array());
    }
}
