package io.tickcast.stream;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Reads version 0 of the series record ("TCS1"), which tickcast wrote before its records were framed by
 * {@link StateCodec}, into a {@link SymbolState}; the next tick writes the current version. Layout, big-endian:
 * <pre>
 *   int magic "TCS1"; byte version 1; int horizon, history capacity, score window
 *   long lastTs, ticks; int head, count; double[capacity] values          (as {@link RecentValues})
 *   double mean, var; long count                                          (as {@link ChangeScale})
 *   per pending slot a = 0..horizon-1 (0 = newest):
 *     double[horizon] forecast, lower, upper, model change; double base, scale; byte valid, hasModel
 *   int head, count; double[window] errors, persistence errors; byte[window] covered   (as {@link RollingScores})
 *   per step h: double[window] residuals; int head, count; double cross, square
 *   double last training loss (the model's own, so not read); double Chow F, critical value, p-value; long break ts
 * </pre>
 */
final class LegacySeriesFormat {

    static final int MAGIC = 0x54435331; // "TCS1"
    private static final byte VERSION = 1;

    private LegacySeriesFormat() {
    }

    /**
     * @param s a state with fresh parts of the configured dimensions and one expert, the LSTM (modified)
     * @throws IllegalArgumentException if the bytes are not a version 0 series record of these dimensions
     */
    static void read(byte[] bytes, SymbolState s) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.getInt() != MAGIC || b.get() != VERSION) {
                throw new IllegalArgumentException("not a tickcast series state (bad magic or version)");
            }
            int horizon = b.getInt();
            s.checkDimensions(horizon, b.getInt(), b.getInt());
            if (!(s.aggregator instanceof PersistenceShrinkage shrinkage)) {
                throw new IllegalArgumentException("a version 0 series state needs the persistence-shrinkage aggregator");
            }
            s.values.read(b);
            s.scale.read(b);
            PendingForecast[] slots = new PendingForecast[horizon];
            int valid = 0;
            for (int a = 0; a < horizon; a++) {
                double[] fc = doubles(b, horizon);
                double[] lo = doubles(b, horizon);
                double[] hi = doubles(b, horizon);
                double[] modelChange = doubles(b, horizon);
                double base = b.getDouble();
                double scale = b.getDouble();
                boolean isValid = b.get() != 0;
                boolean hasModel = b.get() != 0;
                if (isValid) {
                    if (valid != a) {
                        throw new IllegalArgumentException("series state: pending slot " + a + " valid after an empty one");
                    }
                    slots[valid++] = new PendingForecast(base, scale, fc, lo, hi, new double[][] {modelChange},
                            new boolean[] {hasModel});
                }
            }
            PendingForecast[] newestFirst = new PendingForecast[valid];
            System.arraycopy(slots, 0, newestFirst, 0, valid);
            s.pending.restore(newestFirst);
            s.scores.read(b);
            for (int h = 0; h < horizon; h++) {
                s.conformal.readStep(b, h);
                shrinkage.readStep(b, h);
            }
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

    private static double[] doubles(ByteBuffer b, int n) {
        double[] d = new double[n];
        StateCodec.getDoubles(b, d);
        return d;
    }
}
