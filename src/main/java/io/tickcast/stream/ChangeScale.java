package io.tickcast.stream;

import java.nio.ByteBuffer;

/**
 * The scale of a symbol's tick-to-tick changes, which normalises the model's inputs and the intervals: an
 * exponentially weighted mean and variance (West 1979), half-life {@code norm.halflife} ticks.
 */
final class ChangeScale {

    private double mean;
    private double var;
    private long count;

    /**
     * EW update, weight alpha = max(1 − 2^(−1/halflife), 1/n): diff = x − mean; mean += alpha·diff;
     * var = (1 − alpha)·(var + alpha·diff²). The first 1/alpha changes use the plain running mean (alpha = 1/n),
     * so the early estimates are not biased towards zero.
     */
    void update(double change, int halflife) {
        count++;
        double alpha = Math.max(1.0 - Math.pow(2.0, -1.0 / halflife), 1.0 / count);
        double diff = change - mean;
        mean += alpha * diff;
        var = (1.0 - alpha) * (var + alpha * diff * diff);
    }

    /** The EW root mean square (not centred) of the changes, sqrt(var + mean²); NaN before two changes. */
    double scale() {
        return count < 2 ? Double.NaN : Math.sqrt(var + mean * mean);
    }

    static final int STATE_BYTES = 8 + 8 + 8;

    /** mean, var, count (also version 0's layout). */
    void write(ByteBuffer out) {
        out.putDouble(mean).putDouble(var).putLong(count);
    }

    void read(ByteBuffer in) {
        mean = in.getDouble();
        var = in.getDouble();
        count = in.getLong();
    }
}
