package io.tickcast.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Reads the series records of earlier versions into a {@link SymbolState}: the recent values, the scale of the
 * changes and the rolling scores carry over; the pending forecasts, the interval residuals and the aggregation of
 * those versions' single LSTM expert do not (the panel that replaces them starts afresh). The next tick writes the
 * current version.
 *
 * <p>Version 0 ("TCS1", unframed), big-endian:
 * <pre>
 *   int magic "TCS1"; byte version 1; int horizon, history capacity, score window
 *   long lastTs, ticks; int head, count; double[capacity] values
 *   double mean, var; long count                                            (the scale of the changes)
 *   per pending slot a = 0..horizon-1: double[horizon] forecast, lower, upper, model change; double base, scale; byte valid, hasModel
 *   int head, count; double[window] errors, persistence errors; byte[window] covered          (the rolling scores)
 *   per step h: double[window] residuals; int head, count; double cross, square
 *   double last training loss; double Chow F, critical value, p-value; long break ts
 * </pre>
 * Version 1 (framed "TCSS" version 1): {@code int} horizon, history capacity, score window, experts; the values
 * (as version 0), the scale; {@code int} pending count, per pending forecast base, scale, forecast, lower, upper
 * [horizon], per expert a ready byte and its changes [horizon]; the rolling scores; per step the residual ring,
 * head, count; per step the aggregator's two sums.
 */
final class LegacySeriesFormat {

    static final int V0_MAGIC = 0x54435331; // "TCS1"
    private static final byte V0_VERSION = 1;
    static final short V1 = 1;

    private LegacySeriesFormat() {
    }

    /**
     * @param s a fresh state of the configured dimensions (modified)
     * @throws IllegalArgumentException if the bytes are not a version 0 series record of these dimensions
     */
    static void readVersion0(byte[] bytes, SymbolState s) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getInt() != V0_MAGIC || b.get() != V0_VERSION) {
                throw new IllegalArgumentException("not a tickcast series state (bad magic or version)");
            }
            int horizon = b.getInt();
            int capacity = b.getInt();
            int window = b.getInt();
            s.checkDimensions(horizon, window);
            s.values.readRing(b, capacity);
            s.scale.read(b);
            skip(b, horizon * (8 * (4 * horizon + 2) + 2));
            s.scores.read(b);
            skip(b, horizon * (8 * window + 4 + 4 + 8 + 8));
            b.getDouble(); // the last training loss, which the model keeps too
            double f = b.getDouble();
            double fCrit = b.getDouble();
            double p = b.getDouble();
            long breakTs = b.getLong();
            if (s.detector instanceof ChowDetector chow) {
                chow.adoptStatistic(f, fCrit, p, breakTs);
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("series state has " + b.remaining() + " unexpected trailing bytes");
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated series state (" + bytes.length + " bytes)", e);
        }
    }

    /**
     * @param f a series record's frame of version 1
     * @param s a fresh state of the configured dimensions (modified)
     * @throws IllegalArgumentException if the payload is not a version 1 series record of these dimensions
     */
    static void readVersion1(StateCodec.Frame f, SymbolState s) {
        try {
            ByteBuffer b = f.payload();
            int horizon = b.getInt();
            int capacity = b.getInt();
            int window = b.getInt();
            int experts = b.getInt();
            s.checkDimensions(horizon, window);
            s.values.readRing(b, capacity);
            s.scale.read(b);
            int pending = b.getInt();
            skip(b, pending * (8 + 8 + 3 * 8 * horizon + experts * (1 + 8 * horizon)));
            s.scores.read(b);
            skip(b, horizon * (8 * window + 4 + 4));
            skip(b, horizon * 16);
            f.requireConsumed("series");
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated series state", e);
        }
    }

    private static void skip(ByteBuffer b, int bytes) {
        if (bytes < 0 || b.remaining() < bytes) {
            throw new BufferUnderflowException();
        }
        b.position(b.position() + bytes);
    }
}
