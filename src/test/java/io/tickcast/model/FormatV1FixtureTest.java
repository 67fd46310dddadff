package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A model state written by format version 1 ({@code format-v1/model.bin}) must keep loading bit for bit and
 * predicting what it predicted when written ({@code format-v1/predictions.txt}, one line per window,
 * {@link Double#toString}), to within the last bits that the engine's own {@link Exp} changed. The
 * fixture is history: it was written by {@link #fixtureModel()} with the version 1 writer, which is gone since
 * the stores frame the state themselves; only its reader ({@link LstmModel#fromVersion1}) remains.
 */
class FormatV1FixtureTest {
    /** Two layers, peepholes, sigmoid, Adam, stateful: every optional part of the format is present. */
    static LstmModel fixtureModel() {
        LstmConfig cfg = LstmConfig.builder().inputSize(1).hiddenSize(5).layers(2).horizon(2).peepholes(true)
                .activation(Activation.SIGMOID).build();
        TrainConfig train = TrainConfig.builder().optimizer(TrainConfig.OptimizerKind.ADAM).batchSize(4).epochs(3)
                .bpttSteps(3).clipNorm(5).stateful(true).build();
        LstmModel m = LstmModel.create(cfg, train, 2024);
        m.train(GradientCheckTest.randomRows(new Random(1), 16, 5, 1), GradientCheckTest.randomRows(new Random(2), 16, 2, 1), 5);
        return m;
    }

    static double[][] fixtureWindows() {
        return GradientCheckTest.randomRows(new Random(3), 4, 5, 1);
    }

    @Test
    void versionOneStateStillLoadsAndPredictsAsWhenWritten() throws IOException {
        LstmModel m;
        try (InputStream in = getClass().getResourceAsStream("format-v1/model.bin")) {
            m = LstmModel.fromVersion1(in.readAllBytes());
        }
        List<String> expected;
        try (InputStream in = getClass().getResourceAsStream("format-v1/predictions.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> actual = predictions(m);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).split(",");
            String[] a = actual.get(i).split(",");
            for (int j = 0; j < e.length; j++) {
                double want = Double.parseDouble(e[j]);
                // The state loads bit for bit (see below); the arithmetic since has its own exp (Exp), which
                // may differ from the Math.exp of the fixture's day in the last bit or two.
                assertEquals(want, Double.parseDouble(a[j]), 1e-14 * Math.abs(want), "window " + i + " output " + j);
            }
        }
        assertEquals(12, m.updates());
    }

    /**
     * The current state is version 1 without its header (magic, version) and CRC: what the loaded fixture writes is
     * exactly the fixture's bytes between them.
     */
    @Test
    void theCurrentStateIsVersionOneWithoutHeaderAndCrc() throws IOException {
        byte[] bytes = fixture();
        org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 8, bytes.length - 4),
                LstmModel.fromVersion1(bytes).toBytes());
    }

    @Test
    void versionOneReaderRejectsBadHeadersAndCorruption() throws IOException {
        byte[] good = fixture();
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        org.junit.jupiter.api.Assertions.assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LstmModel.fromVersion1(badMagic)).getMessage().contains("magic"));
        byte[] badVersion = good.clone();
        badVersion[7] = 9;
        org.junit.jupiter.api.Assertions.assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LstmModel.fromVersion1(badVersion)).getMessage().contains("version 9"));
        byte[] flipped = good.clone();
        flipped[500] ^= 1;
        org.junit.jupiter.api.Assertions.assertTrue(org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> LstmModel.fromVersion1(flipped)).getMessage().contains("CRC"));
    }

    private byte[] fixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("format-v1/model.bin")) {
            return in.readAllBytes();
        }
    }

    private static List<String> predictions(LstmModel m) {
        List<String> lines = new ArrayList<>();
        double[] out = new double[2];
        for (double[] w : fixtureWindows()) {
            m.predict(w, 5, out);
            lines.add(Double.toString(out[0]) + "," + Double.toString(out[1]));
        }
        return lines;
    }
}
