package io.tickcast.serde;

import java.util.List;
import java.util.Map;

/**
 * A forecast of the next {@code horizon} values of one symbol, made at tick {@code ts}
 * ({@code schemas/forecast.schema.json}).
 *
 * @param symbol    the series
 * @param ts        the timestamp of the tick the forecast was made at (epoch ms)
 * @param value     the tick's value (the last observed value)
 * @param steps     one entry per step ahead, 1..horizon
 * @param source    the expert with the largest one-step weight ({@code persistence} during warm-up)
 * @param warmup    true while the panel of experts does not exist yet (the first ticks): the forecast is persistence
 * @param ticks     ticks accepted for the symbol so far, this one included
 * @param updates   optimiser steps the symbol's LSTM has applied (0 without it)
 * @param trainLoss mean training loss of the last fine-tuning call (normalised units), null before the first
 * @param score     rolling scores of earlier forecasts whose actual value has arrived
 * @param period    the seasonal period in use (1: none), null before it is inferred
 * @param experts   the one-step weight of every awake expert, by name (they sum to 1), null during warm-up
 * @param gain      the share of the experts' combined one-step change in the forecast (0: persistence, 1: all of
 *                  it), null during warm-up
 * @param anomaly   how unusual this tick's value is against the one-step forecast made for it, null until the
 *                  symbol's one-step interval has scores
 */
public record Forecast(String symbol, long ts, double value, List<Step> steps, String source, boolean warmup,
                       long ticks, long updates, Double trainLoss, Score score, Integer period,
                       Map<String, Double> experts, Double gain, Anomaly anomaly) implements Output {

    /**
     * The tick's anomaly score: its conformal p-value against the one-step forecast made at the previous tick, among
     * the recent scaled residuals of the one-step interval ({@code docs/forecasting.md}, "Anomaly score").
     *
     * @param pValue in (0, 1]: the fraction of recent residuals at least as large as this one, (1 + count)/(n + 1)
     * @param flag   {@code p_value ≤ 1 − anomaly.level}: on ordinary values a fraction of about 1 − level is flagged
     */
    public record Anomaly(double pValue, boolean flag) {
    }

    /**
     * @param step        steps ahead, 1-based
     * @param forecast    the point forecast
     * @param lower       lower bound of the prediction interval
     * @param upper       upper bound of the prediction interval
     * @param persistence the persistence forecast (the last value)
     * @param ts          the time the step is for (epoch ms): the forecast's {@code ts} plus {@code step} times the
     *                    symbol's median spacing of its first timestamps; null until that spacing is known (the
     *                    first five ticks)
     */
    public record Step(int step, double forecast, double lower, double upper, double persistence, Long ts) {
    }

    /**
     * Rolling one-step-ahead scores over the last {@code n} scored forecasts; null fields until defined.
     *
     * @param n               forecasts scored in the rolling window
     * @param rmse            the model's root-mean-square error
     * @param mae             the model's mean absolute error
     * @param persistenceRmse persistence's root-mean-square error over the same points
     * @param persistenceMae  persistence's mean absolute error over the same points
     * @param coverage        fraction of actuals inside their prediction interval
     * @param level           the interval's nominal coverage
     */
    public record Score(long n, Double rmse, Double mae, Double persistenceRmse, Double persistenceMae,
                        Double coverage, double level) {
    }
}
