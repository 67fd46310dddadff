package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.forecast.AdaptiveConformal;

/** The forecaster's settings, read once from the configuration. */
record ForecastSettings(int timesteps, int horizon, int trainMin, int trainYoung, int trainEvery, int trainBuffer, int halflife,
                        double level, int scoreWindow, int seasonPeriod, int intervalWindow, double intervalGamma,
                        int intervalHalflife, boolean statisticalExperts, double anomalyLevel) {

    /** Recent values kept per symbol at least: what the seasonal experts and the season's test read. */
    static final int MIN_HISTORY = 400;

    static ForecastSettings from(TickcastConfig c) {
        return new ForecastSettings(
                c.getInt(TickcastConfig.MODEL_TIMESTEPS),
                c.getInt(TickcastConfig.MODEL_HORIZON),
                c.getInt(TickcastConfig.TRAIN_MIN),
                c.getInt(TickcastConfig.TRAIN_YOUNG),
                c.getInt(TickcastConfig.TRAIN_EVERY),
                c.getInt(TickcastConfig.TRAIN_BUFFER),
                c.getInt(TickcastConfig.NORM_HALFLIFE),
                c.getDouble(TickcastConfig.INTERVAL_LEVEL),
                c.getInt(TickcastConfig.SCORE_WINDOW),
                c.getInt(TickcastConfig.SEASON_PERIOD),
                c.getInt(TickcastConfig.INTERVAL_WINDOW),
                c.getDouble(TickcastConfig.INTERVAL_GAMMA),
                c.getInt(TickcastConfig.INTERVAL_HALFLIFE),
                c.getBoolean(TickcastConfig.EXPERTS_STATISTICAL),
                c.getDouble(TickcastConfig.ANOMALY_LEVEL));
    }

    /**
     * Values kept per symbol: at least {@link #MIN_HISTORY}, three seasons of an explicit period (the seasonal experts
     * start from two, the season's test reads three), and every training window of the LSTM's buffer.
     */
    int historyCapacity() {
        return Math.max(Math.max(MIN_HISTORY, 3 * seasonPeriod), trainBuffer + timesteps + horizon);
    }

    /** Base forecasts kept: one per value of the LSTM's latest training windows and of its input window. */
    int baseCapacity() {
        return Math.min(historyCapacity(), Math.max(trainBuffer, LstmExpert.YOUNG_WINDOWS) + timesteps + horizon + 1);
    }

    /**
     * The intervals of horizon step {@code step} (1-based): {@code interval.halflife × step} ticks of half-life for
     * the residuals' scale and an ACI step of {@code interval.gamma / step}. Consecutive errors of an h-step
     * forecast share h − 1 of their future shocks, so a tick brings about 1/h of an independent residual and 1/h
     * of an independent miss: the scaled rates keep every step's estimates as steady as step 1's, whose rates are
     * the configured ones. With step 1's rates at every step the scale followed a handful of overlapping errors, the
     * scores' ratio to it was heavy-tailed, and the intervals were a third wider for the same coverage
     * (docs/forecasting.md, "Intervals far ahead": MSIS weekly 40.2 → 24.6, hourly 11.0 → 8.6).
     */
    AdaptiveConformal newConformal(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, was " + step);
        }
        long halfLife = Math.min((long) intervalHalflife * step, Integer.MAX_VALUE);
        return new AdaptiveConformal(level, intervalWindow, intervalGamma / step, (int) halfLife);
    }
}
