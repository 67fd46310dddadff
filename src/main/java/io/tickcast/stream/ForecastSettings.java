package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import org.hipparchus.distribution.continuous.NormalDistribution;

/** The forecaster's settings, read once from the configuration. */
record ForecastSettings(int timesteps, int horizon, int trainMin, int trainEvery, int trainBuffer, int halflife,
                        double level, int scoreWindow, boolean blend, double zLevel) {

    static ForecastSettings from(TickcastConfig c) {
        double level = c.getDouble(TickcastConfig.INTERVAL_LEVEL);
        return new ForecastSettings(
                c.getInt(TickcastConfig.MODEL_TIMESTEPS),
                c.getInt(TickcastConfig.MODEL_HORIZON),
                c.getInt(TickcastConfig.TRAIN_MIN),
                c.getInt(TickcastConfig.TRAIN_EVERY),
                c.getInt(TickcastConfig.TRAIN_BUFFER),
                c.getInt(TickcastConfig.NORM_HALFLIFE),
                level,
                c.getInt(TickcastConfig.SCORE_WINDOW),
                c.getBoolean(TickcastConfig.MODEL_BLEND),
                new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + level / 2));
    }

    /** Values kept per symbol: every training window (timesteps changes, horizon targets) of the buffer. */
    int historyCapacity() {
        return trainBuffer + timesteps + horizon;
    }
}
