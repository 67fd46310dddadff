package io.tickcast.forecast;

/**
 * The seasonal random walk (Hyndman &amp; Athanasopoulos, "Forecasting: Principles and Practice", seasonal naive
 * method; the ETS(A,N,A) limit γ = 1 of Hyndman et al. 2008): the value one period back of the target,
 * <pre>
 *   f_h = y_{t − m + ((h − 1) mod m) + 1}        (m = period, h = 1..H)
 * </pre>
 * Ready while the history holds at least m values. It has no state of its own: it reads the values from the
 * history; its state is its configuration header only.
 *
 * <p>{@link #weekOf} is the same method one week back ({@code snaive_w}), for a daily period of hours: hourly series
 * of human activity (traffic, electricity, visits) repeat by the week as well as by the day, and a weekend is not
 * the day before it (M4 Hourly, docs/forecasting.md "A week of hours").
 */
public final class SeasonalNaive extends ExpertBase {

    /**
     * @param period  the season's length m, &gt;= 2
     * @param horizon the number of steps forecast, &gt;= 1
     */
    public SeasonalNaive(int period, int horizon) {
        this("snaive", period, horizon);
    }

    private SeasonalNaive(String name, int period, int horizon) {
        super(name, SEASONAL_NAIVE, checkPeriod(period), checkHorizon(horizon));
    }

    /** Days in a week: the period of {@link #weekOf}, in days. */
    public static final int DAYS_PER_WEEK = 7;

    /**
     * The seasonal naive method of a week, {@code snaive_w}: period {@code 7 · day}, the value one week back of the
     * target. Ready once the history holds a week.
     *
     * @param day     the daily period, in observations (24 for hourly values), &gt;= 2
     * @param horizon the number of steps forecast, &gt;= 1
     */
    public static SeasonalNaive weekOf(int day, int horizon) {
        return new SeasonalNaive("snaive_w", DAYS_PER_WEEK * checkPeriod(day), horizon);
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
