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
public final class Drift implements OnlineExpert {

    private static final int BODY_BYTES = 8 + 8;

    private final int horizon;
    private double first;
    private long count;

    /** @param horizon the number of steps forecast, &gt;= 1 */
    public Drift(int horizon) {
        this.horizon = ExpertState.checkHorizon(horizon);
    }

    @Override
    public String name() {
        return "drift";
    }

    @Override
    public boolean seasonal() {
        return false;
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
        ExpertState.checkOut(out, horizon);
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
    public int stateBytes() {
        return ExpertState.CONFIG_BYTES + BODY_BYTES;
    }

    @Override
    public void writeState(ByteBuffer out) {
        ExpertState.writeConfig(out, ExpertState.DRIFT, 0, horizon);
        out.putLong(Double.doubleToRawLongBits(first)).putLong(count);
    }

    @Override
    public void readState(ByteBuffer in) {
        ExpertState.readConfig(in, name(), ExpertState.DRIFT, 0, horizon, BODY_BYTES);
        double f = Double.longBitsToDouble(in.getLong());
        long n = in.getLong();
        if (n < 0) {
            throw new IllegalArgumentException("drift state: negative count " + n);
        }
        first = f;
        count = n;
    }
}
