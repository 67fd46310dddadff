package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@link Double#toString}), to 1e-14 relative: a change of the kernel's rounding (as the engine's own
 * {@link Exp} once was) may move the last bits without invalidating the fixture. A state of the removed
 * stateful training ({@code format-v1/stateful.bin}) is rejected with a message saying so, rather than loaded
 * with its carried state silently dropped. The fixtures are history: they were written by the version 1 writer
 * ({@code model.bin} from {@link #fixtureModel()}), which is gone since the stores frame the state themselves;
 * only its reader ({@link LstmModel#fromVersion1}) remains.
 */
class FormatV1FixtureTest {
    /**
     * Two layers, peepholes, sigmoid, Adam: every optional part of the format that a model can have (the
     * carried-state block of the removed stateful training is absent).
     */
    static LstmModel fixtureModel() {
        LstmConfig cfg = LstmConfig.builder().inputSize(1).hiddenSize(5).layers(2).horizon(2).peepholes(true)
                .activation(Activation.SIGMOID).build();
        TrainConfig train = TrainConfig.builder().optimizer(TrainConfig.OptimizerKind.ADAM).batchSize(4).epochs(3)
                .bpttSteps(3).clipNorm(5).build();
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
                // The state loads bit for bit (see below); the arithmetic may move the last bits.
                assertEquals(want, Double.parseDouble(a[j]), 1e-14 * Math.abs(want), "window " + i + " output " + j);
            }
        }
        assertEquals(12, m.updates());
    }

    /**
     * The current state is version 1 without its header (magic, version), its two bytes of the removed stateful
     * training (the flag at the end of the configurations, and the carried-state flag before the CRC) and its CRC:
     * what the loaded fixture writes is exactly the rest of the fixture's bytes.
     */
    @Test
    void theCurrentStateIsVersionOneWithoutHeaderStatefulBytesAndCrc() throws IOException {
        byte[] bytes = fixture();
        int statefulFlag = 8 + 79;
        assertEquals(0, bytes[statefulFlag]);
        assertEquals(0, bytes[bytes.length - 5]);
        byte[] expected = new byte[bytes.length - 14];
        System.arraycopy(bytes, 8, expected, 0, statefulFlag - 8);
        System.arraycopy(bytes, statefulFlag + 1, expected, statefulFlag - 8, bytes.length - 5 - statefulFlag - 1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, LstmModel.fromVersion1(bytes).toBytes());
    }

    @Test
    void versionOneReaderRejectsBadHeadersAndCorruption() throws IOException {
        byte[] good = fixture();
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LstmModel.fromVersion1(badMagic))
                .getMessage().contains("magic"));
        byte[] badVersion = good.clone();
        badVersion[7] = 9;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LstmModel.fromVersion1(badVersion))
                .getMessage().contains("version 9"));
        byte[] flipped = good.clone();
        flipped[500] ^= 1;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LstmModel.fromVersion1(flipped))
                .getMessage().contains("CRC"));
    }

    private byte[] fixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("format-v1/model.bin")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aStatefulVersionOneStateIsRejected() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("format-v1/stateful.bin")) {
            bytes = in.readAllBytes();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LstmModel.fromVersion1(bytes));
        assertTrue(e.getMessage().contains("stateful"), e.getMessage());
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
