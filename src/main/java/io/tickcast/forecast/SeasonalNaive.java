package io.tickcast.forecast;

/**
 * The seasonal random walk (Hyndman &amp; Athanasopoulos, "Forecasting: Principles and Practice", seasonal naive
 * method; the ETS(A,N,A) limit γ = 1 of Hyndman et al. 2008): the value one period back of the target,
 * <pre>
 *   f_h = y_{t − m + ((h − 1) mod m) + 1}        (m = period, h = 1..H)
 * </pre>
 * Ready while the history holds at least m values. It has no state of its own: it reads the values from the
 * history; its state is its configuration header only.
 */
public final class SeasonalNaive extends ExpertBase {

    /**
     * @param period  the season's length m, &gt;= 2
     * @param horizon the number of steps forecast, &gt;= 1
     */
    public SeasonalNaive(int period, int horizon) {
        super("snaive", SEASONAL_NAIVE, checkPeriod(period), checkHorizon(horizon));
    }

    public int period() {
        return period;
    }

    /** {@code out.length} must be the horizon. */
    @Override
    public boolean forecast(History history, double[] out) {
        checkOut(out);
        if (history.count() < period) {
            return false;
        }
        for (int h = 0; h < horizon; h++) {
            out[h] = history.back(period - 1 - h % period);
        }
        return true;
    }
}
