package io.tickcast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * A model state written by format version 1 ({@code format-v1/model.bin}) must keep loading bit for bit and
 * predicting what it predicted when written ({@code format-v1/predictions.txt}, one line per window,
 * {@link Double#toString}), to 1e-14 relative: a change of the kernel's rounding (as the engine's own
 * {@link Exp} once was) may move the last bits without invalidating the fixture. A state of
 * the removed stateful training ({@code format-v1/stateful.bin}, the fixture before that removal) is
 * rejected with a message saying so, rather than loaded with its carried state silently dropped.
 *
 * <p>Regenerate only on purpose, with {@link #main} (not part of the test run), from the module root:
 * <pre>
 *   ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/test.classpath) io.tickcast.model.FormatV1FixtureTest
 * </pre>
 */
class FormatV1FixtureTest {
    private static final String DIR = "src/test/resources/io/tickcast/model/format-v1/";

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
            m = LstmModel.fromBytes(in.readAllBytes());
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

    /** The writer still produces version 1 byte for byte: the loaded fixture writes back unchanged (CRC included). */
    @Test
    void versionOneStateWritesBackByteIdentically() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("format-v1/model.bin")) {
            bytes = in.readAllBytes();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, LstmModel.fromBytes(bytes).toBytes());
    }

    /** Writes {@code model.bin} and {@code predictions.txt} of {@link #fixtureModel()} into src/test/resources. */
    public static void main(String[] args) throws IOException {
        LstmModel m = fixtureModel();
        Files.createDirectories(Path.of(DIR));
        Files.write(Path.of(DIR + "model.bin"), m.toBytes());
        Files.write(Path.of(DIR + "predictions.txt"), predictions(m), StandardCharsets.UTF_8);
    }

    @Test
    void aStatefulVersionOneStateIsRejected() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("format-v1/stateful.bin")) {
            bytes = in.readAllBytes();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LstmModel.fromBytes(bytes));
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
