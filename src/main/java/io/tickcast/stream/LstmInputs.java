package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.forecast.Seasonality;

/**
 * The LSTM's inputs: for each of the {@code timesteps} latest values v_i of a window, six features, all in units
 * of the changes' scale s and clipped to ±{@value #CLIP}:
 * <ol>
 *   <li>the change (v_i − v_{i−1}) / s;</li>
 *   <li>the seasonal lag: the change one season before the next one, (v_{i+1−m} − v_{i−m}) / s, while a season of
 *       period m &gt; 1 is confirmed, else 0;</li>
 *   <li>the level's deviation from a slow moving average, (v_i − mean of the last L values) / s with
 *       L = max(2m, {@value #SLOW_MIN}) (fewer while the history is shorter);</li>
 *   <li>what the statistical experts missed: (v_i − B_i) / s, B_i their combined one-step forecast of v_i (the
 *       previous value, persistence, where there was none);</li>
 *   <li>and 6. the calendar phase of the next value's time, as sine and cosine: time of day for sub-daily and
 *       hourly spacing, day of week for daily, time of year for weekly to quarterly spacing; 0 for annual or
 *       irregular spacing. The times are the latest timestamp minus multiples of the median spacing.</li>
 * </ol>
 * The base forecasts are read while the latest tick's is not yet made: their latest is the one made at the value
 * before the latest. A pure function of the recent values, the base forecasts and the season, so training windows are cut from
 * the stored history and a restored symbol continues bit-identically.
 */
final class LstmInputs {

    static final int FEATURES = TickcastConfig.INPUT_FEATURES;
    static final double CLIP = 10.0;
    static final int SLOW_MIN = 24;

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final double WEEK = 7.0 * DAY;
    private static final double YEAR = 365.2425 * DAY;

    private LstmInputs() {
    }

    /** The cycle (ms) whose phase the calendar features carry for a spacing, or 0 for none. */
    static double calendarCycle(long spacingMs) {
        double d = spacingMs;
        if (d <= 0) {
            return 0;
        }
        if (d < 1.5 * HOUR) {
            return DAY;
        }
        if (d >= 0.9 * DAY && d < 1.5 * DAY) {
            return WEEK;
        }
        if (d >= 6.0 * DAY && d <= 92.0 * DAY) {
            return YEAR;
        }
        return 0;
    }

    /**
     * Writes the window of the {@code timesteps} values ending at value index {@code end} (0 = oldest kept) into
     * {@code dst}, row-major by time. Requires {@code end >= timesteps}.
     */
    static void window(RecentValues values, BaseForecasts base, Seasonality season, int end, int timesteps,
                       double scale, double[] dst) {
        int count = values.count();
        int m = season.on() ? season.period() : 1;
        int slow = Math.max(2 * m, SLOW_MIN);
        long spacing = season.spacingMs();
        double cycle = calendarCycle(spacing);
        for (int i = 0; i < timesteps; i++) {
            int idx = end - timesteps + 1 + i;
            double v = values.at(idx);
            double prev = values.at(idx - 1);
            int o = i * FEATURES;
            dst[o] = clip((v - prev) / scale);
            dst[o + 1] = m > 1 && idx - m >= 0 ? clip((values.at(idx + 1 - m) - values.at(idx - m)) / scale) : 0.0;
            int from = Math.max(0, idx - slow + 1);
            double sum = 0;
            for (int k = from; k <= idx; k++) {
                sum += values.at(k);
            }
            dst[o + 2] = clip((v - sum / (idx - from + 1)) / scale);
            // B_i was made at the previous value, index idx - 1; the bases end at the value before the latest.
            dst[o + 3] = clip((v - base.level(count - 1 - idx, 0, prev)) / scale);
            if (cycle > 0) {
                long next = values.lastTs() - (long) (count - 2 - idx) * spacing;
                double phase = 2 * Math.PI * (Math.floorMod(next, (long) cycle) / cycle);
                dst[o + 4] = Math.sin(phase);
                dst[o + 5] = Math.cos(phase);
            } else {
                dst[o + 4] = 0.0;
                dst[o + 5] = 0.0;
            }
        }
    }

    private static double clip(double x) {
        return Math.max(-CLIP, Math.min(CLIP, x));
    }
}
