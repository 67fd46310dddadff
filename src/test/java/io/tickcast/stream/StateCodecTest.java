package io.tickcast.stream;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateCodecTest {

    private static final int MAGIC = 0x54455354; // "TEST"

    private static byte[] record() {
        double[] d = {1.5, Double.longBitsToDouble(0x7ff8000000000123L), -0.0};
        return StateCodec.encode(MAGIC, (short) 3, 4 + 8 * d.length, out -> {
            out.putInt(42);
            StateCodec.putDoubles(out, d);
        });
    }

    @Test
    void aFrameRoundTripsItsPayloadBitForBit() {
        byte[] bytes = record();
        assertEquals(StateCodec.HEADER + 28 + StateCodec.TRAILER, bytes.length);
        assertTrue(StateCodec.hasMagic(bytes, MAGIC));
        StateCodec.Frame f = StateCodec.decode(bytes, MAGIC, "test");
        assertEquals(3, f.version());
        ByteBuffer in = f.payload();
        assertEquals(42, in.getInt());
        double[] d = new double[3];
        StateCodec.getDoubles(in, d);
        assertEquals(1.5, d[0]);
        assertEquals(0x7ff8000000000123L, Double.doubleToRawLongBits(d[1]), "a NaN keeps its payload");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[2]));
        f.requireConsumed("test");
    }

    @Test
    void aWrongMagicVersionLengthOrCrcIsRefusedWithAMessage() {
        byte[] good = record();
        assertFalse(StateCodec.hasMagic(good, MAGIC + 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StateCodec.decode(good, MAGIC + 1, "test"))
                .getMessage().contains("not a tickcast test state"));
        StateCodec.Frame f = StateCodec.decode(good, MAGIC, "test");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StateCodec.requireVersion(f, (short) 1, "test"))
                .getMessage().contains("version 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StateCodec.decode(Arrays.copyOf(good, good.length - 1), MAGIC, "test")).getMessage().contains("truncated"));
        for (int i = 0; i < good.length; i++) {
            byte[] flipped = good.clone();
            flipped[i] ^= 0x10;
            int at = i;
            assertThrows(IllegalArgumentException.class, () -> StateCodec.decode(flipped, MAGIC, "test"), "byte " + at);
        }
        assertThrows(IllegalArgumentException.class, () -> StateCodec.decode(new byte[5], MAGIC, "test"));
    }

    @Test
    void aPayloadOfAnotherSizeThanDeclaredIsACodecBug() {
        assertThrows(IllegalStateException.class, () -> StateCodec.encode(MAGIC, (short) 1, 8, out -> out.putInt(1)));
    }

    @Test
    void unreadPayloadBytesAreRefused() {
        StateCodec.Frame f = StateCodec.decode(record(), MAGIC, "test");
        f.payload().getInt();
        assertThrows(IllegalArgumentException.class, () -> f.requireConsumed("test"));
        assertArrayEquals(record(), record(), "deterministic");
    }
}
