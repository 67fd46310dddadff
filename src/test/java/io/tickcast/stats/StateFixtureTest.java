package io.tickcast.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A state written by version 1 of {@link RollingChow#toBytes()} is kept as a fixture
 * ({@code rolling_chow_v1_*.bin}) and must still load and continue exactly like a detector that
 * saw the whole stream.
 *
 * <p>Regenerate only on purpose, with {@link #main} (not part of the test run), from the module root:
 * <pre>
 *   ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 *   java -cp target/test-classes:target/classes:$(cat target/test.classpath) io.tickcast.stats.StateFixtureTest
 * </pre>
 */
class StateFixtureTest {

    private static final int CUT = 700;
    private static final int LEN = 1_500;

    private static ChowConfig config(ChowMode mode) {
        return ChowConfig.builder().window(80).mode(mode).alpha(0.01).build();
    }

    private static double[] stream() {
        return Streams.prices(77L, LEN);
    }

    @Test
    void versionOneStateStillLoadsAndContinues() throws IOException {
        double[] s = stream();
        for (ChowMode mode : ChowMode.values()) {
            byte[] bytes;
            try (InputStream in = getClass().getResourceAsStream("rolling_chow_v1_" + mode.name().toLowerCase(java.util.Locale.ROOT) + ".bin")) {
                bytes = in.readAllBytes();
            }
            RollingChow restored = RollingChow.fromBytes(bytes);
            RollingChow full = new RollingChow(config(mode));
            for (int t = 0; t < CUT; t++) {
                full.update(t, s[t]);
            }
            assertEquals(full.signals(), restored.signals());
            for (int t = CUT; t < LEN; t++) {
                assertEquals(full.update(t, s[t]), restored.update(t, s[t]), mode + " tick " + t);
            }
        }
    }

    /** The writer still produces version 1 byte for byte: each loaded fixture writes back unchanged. */
    @Test
    void versionOneStateWritesBackByteIdentically() throws IOException {
        for (ChowMode mode : ChowMode.values()) {
            byte[] bytes;
            try (InputStream in = getClass().getResourceAsStream("rolling_chow_v1_" + mode.name().toLowerCase(java.util.Locale.ROOT) + ".bin")) {
                bytes = in.readAllBytes();
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, RollingChow.fromBytes(bytes).toBytes(), mode.name());
        }
    }

    /** Writes the fixtures into src/test/resources (run from the module root). */
    public static void main(String[] args) throws IOException {
        double[] s = stream();
        for (ChowMode mode : ChowMode.values()) {
            RollingChow rc = new RollingChow(config(mode));
            for (int t = 0; t < CUT; t++) {
                rc.update(t, s[t]);
            }
            Files.write(Path.of("src/test/resources/io/tickcast/stats/rolling_chow_v1_" + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + ".bin"), rc.toBytes());
        }
    }
}
