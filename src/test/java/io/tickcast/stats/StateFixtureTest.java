package io.tickcast.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Arrays;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * A state written by version 1 of RollingChow's own format (magic "TCCW", short version, then the state) is
 * kept as a fixture ({@code rolling_chow_v1_*.bin}) and must still load ({@link RollingChow#fromVersion1}) and
 * continue exactly like a detector that saw the whole stream. The fixtures are history: the version 1 writer is
 * gone since the stores frame the state themselves.
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
            RollingChow restored = RollingChow.fromVersion1(bytes);
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

    /**
     * The current state is version 1 without its header (magic "TCCW", short version): what a loaded fixture
     * writes is exactly the fixture's bytes after the header.
     */
    @Test
    void theCurrentStateIsVersionOneWithoutItsHeader() throws IOException {
        for (ChowMode mode : ChowMode.values()) {
            byte[] bytes;
            try (InputStream in = getClass().getResourceAsStream("rolling_chow_v1_" + mode.name().toLowerCase(java.util.Locale.ROOT) + ".bin")) {
                bytes = in.readAllBytes();
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(Arrays.copyOfRange(bytes, 6, bytes.length),
                    RollingChow.fromVersion1(bytes).toBytes(), mode.name());
        }
    }

    @Test
    void versionOneReaderRejectsOtherHeaders() throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("rolling_chow_v1_fixed.bin")) {
            bytes = in.readAllBytes();
        }
        byte[] badMagic = bytes.clone();
        badMagic[0] ^= 1;
        byte[] badVersion = bytes.clone();
        badVersion[5] = 99;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RollingChow.fromVersion1(badMagic));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RollingChow.fromVersion1(badVersion));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RollingChow.fromVersion1(Arrays.copyOf(bytes, bytes.length + 1)));
    }
}
