package io.tickcast.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The one frame of every record in tickcast's state stores, big-endian:
 * <pre>
 *   int    magic (one per component: which codec wrote the payload)
 *   short  version (of that codec's payload layout)
 *   int    payload length in bytes
 *   byte[] payload
 *   int    CRC-32 of everything before it
 * </pre>
 * Each component's codec writes only its payload; this class adds and checks the frame, so a truncated,
 * corrupt or foreign record is refused with a message instead of decoded into garbage. Doubles are written
 * with their raw bits (NaN payloads included), so a restored state holds exactly the bits it had.
 */
final class StateCodec {

    /** Bytes before the payload: magic, version, length. */
    static final int HEADER = 4 + 2 + 4;
    /** Bytes after the payload: the CRC. */
    static final int TRAILER = 4;

    private StateCodec() {
    }

    /** A decoded frame: the payload's version, and the payload (position at its start, limit at its end). */
    record Frame(short version, ByteBuffer payload) {

        /**
         * @throws IllegalArgumentException naming {@code what} if the payload was not read to its end
         */
        void requireConsumed(String what) {
            if (payload.hasRemaining()) {
                throw new IllegalArgumentException(what + " state has " + payload.remaining() + " unexpected trailing bytes");
            }
        }
    }

    /**
     * Frames a payload of exactly {@code payloadBytes} bytes written by {@code payload}.
     *
     * @throws IllegalStateException if {@code payload} wrote a different number of bytes (a codec bug)
     */
    static byte[] encode(int magic, short version, int payloadBytes, Consumer<ByteBuffer> payload) {
        byte[] bytes = new byte[HEADER + payloadBytes + TRAILER];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        out.putInt(magic).putShort(version).putInt(payloadBytes);
        payload.accept(out);
        if (out.position() != HEADER + payloadBytes) {
            throw new IllegalStateException(String.format("codec 0x%08X wrote %d payload bytes, declared %d", magic,
                    out.position() - HEADER, payloadBytes));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, out.position());
        out.putInt((int) crc.getValue());
        return bytes;
    }

    /** Whether {@code bytes} start with {@code magic} (a framed record of that codec, or garbage that looks like one). */
    static boolean hasMagic(byte[] bytes, int magic) {
        return bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt(0) == magic;
    }

    /**
     * Checks the frame and returns its payload.
     *
     * @param what names the state in messages, e.g. "series"
     * @throws IllegalArgumentException on a wrong magic, a length that disagrees with the record, or a CRC mismatch
     */
    static Frame decode(byte[] bytes, int magic, String what) {
        if (bytes.length < HEADER + TRAILER) {
            throw new IllegalArgumentException(what + " state truncated: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int m = in.getInt();
        if (m != magic) {
            throw new IllegalArgumentException(String.format("not a tickcast %s state: magic 0x%08X, expected 0x%08X",
                    what, m, magic));
        }
        short version = in.getShort();
        int length = in.getInt();
        if (length != bytes.length - HEADER - TRAILER) {
            throw new IllegalArgumentException(what + " state truncated or padded: payload of " + length
                    + " bytes declared, " + (bytes.length - HEADER - TRAILER) + " present");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - TRAILER);
        if (in.getInt(bytes.length - TRAILER) != (int) crc.getValue()) {
            throw new IllegalArgumentException(what + " state corrupt: CRC-32 mismatch (" + bytes.length + " bytes)");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, HEADER, length).slice();
        return new Frame(version, payload);
    }

    /**
     * @throws IllegalArgumentException naming {@code what} if {@code version} is not {@code expected}
     */
    static void requireVersion(Frame f, short expected, String what) {
        if (f.version() != expected) {
            throw new IllegalArgumentException("unsupported " + what + " state version " + f.version()
                    + ", this build reads " + expected);
        }
    }

    /** Writes {@code d} in one bulk copy. */
    static void putDoubles(ByteBuffer out, double[] d) {
        out.asDoubleBuffer().put(d);
        out.position(out.position() + 8 * d.length);
    }

    /** Fills {@code d} from {@code in} in one bulk copy. */
    static void getDoubles(ByteBuffer in, double[] d) {
        if (in.remaining() < 8 * d.length) {
            throw new BufferUnderflowException();
        }
        in.asDoubleBuffer().get(d);
        in.position(in.position() + 8 * d.length);
    }
}
