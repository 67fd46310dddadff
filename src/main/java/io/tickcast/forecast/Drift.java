package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * The random walk with drift (R's {@code rwf(drift = TRUE)}; Hyndman &amp; Athanasopoulos, "Forecasting: Principles
 * and Practice", drift method): the line through the first and the latest value, extended,
 * <pre>
 *   f_h = y_t + h (y_t − y_1) / (n − 1)        (n ≥ 3)
 * </pre>
 * with y_1 the first value this expert observed and n the number of values it observed. State: y_1 and n.
 *
 * <p>The prototype's forecaster builds its experts at the 6th value of the series, so its y_1 is the series' 6th
 * value; to reproduce it, construct this expert at the same tick.
 */
public final class Drift extends ExpertBase {

    private double first;
    private long count;

    /** @param horizon the number of steps forecast, &gt;= 1 */
    public Drift(int horizon) {
        super("drift", DRIFT, 0, checkHorizon(horizon));
    }

    @Override
    public void observe(History history, double scale) {
        if (count == 0) {
            first = history.back(0);
        }
        count++;
    }

    /** {@code out.length} must be the horizon. */
    @Override
    public boolean forecast(History history, double[] out) {
        checkOut(out);
        if (count < 3) {
            return false;
        }
        double y = history.back(0);
        double slope = (y - first) / (count - 1);
        for (int h = 0; h < horizon; h++) {
            out[h] = y + slope * (h + 1);
        }
        return true;
    }

    @Override
    int bodyBytes() {
        return 8 + 8;
    }

    /** y_1's raw bits, then n. */
    @Override
    void writeBody(ByteBuffer out) {
        out.putLong(Double.doubleToRawLongBits(first)).putLong(count);
    }

    @Override
    void readBody(ByteBuffer in) {
        double f = Double.longBitsToDouble(in.getLong());
        long n = in.getLong();
        if (n < 0) {
            throw new IllegalArgumentException("drift state: negative count " + n);
        }
        first = f;
        count = n;
    }
}
