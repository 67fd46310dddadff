package io.tickcast.serde;

import java.util.List;

/**
 * A forecast of the next {@code horizon} values of one symbol, made at tick {@code ts}
 * ({@code schemas/forecast.schema.json}).
 *
 * @param symbol    the series
 * @param ts        the timestamp of the tick the forecast was made at (epoch ms)
 * @param value     the tick's value (the last observed value)
 * @param steps     one entry per step ahead, 1..horizon
 * @param source    {@code lstm} or {@code persistence} (warm-up fallback)
 * @param warmup    true until the symbol has seen {@code train.min} ticks
 * @param ticks     ticks accepted for the symbol so far, this one included
 * @param updates   fine-tuning calls the symbol's model has made
 * @param trainLoss mean training loss of the last fine-tuning call (normalised units), null before the first
 * @param score     rolling scores of earlier forecasts whose actual value has arrived
 */
public record Forecast(String symbol, long ts, double value, List<Step> steps, String source, boolean warmup,
                       long ticks, long updates, Double trainLoss, Score score) implements Output {

    /**
     * @param step        steps ahead, 1-based
     * @param forecast    the point forecast
     * @param lower       lower bound of the prediction interval
     * @param upper       upper bound of the prediction interval
     * @param persistence the persistence forecast (the last value)
     */
    public record Step(int step, double forecast, double lower, double upper, double persistence) {
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
