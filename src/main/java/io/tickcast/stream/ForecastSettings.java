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

    AdaptiveConformal newConformal() {
        return new AdaptiveConformal(level, intervalWindow, intervalGamma, intervalHalflife);
    }
}
