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
     * The steps of a forecast held as primitive arrays (what the forecast step makes every tick): a {@link Step} is
     * made only when one is read ({@link #get}); {@code OutputWriter} writes the arrays without making any. Step h
     * (0-based) is {@code Step(h + 1, forecast[h], lower[h], upper[h], persistence, ts + (h + 1)·spacing)}, its ts
     * null when {@code spacing} ≤ 0. Owns its arrays, which must not be modified after.
     */
    public static final class Steps extends java.util.AbstractList<Step> implements java.util.RandomAccess {
        private final double[] forecast;
        private final double[] lower;
        private final double[] upper;
        private final double persistence;
        private final long ts;
        private final long spacing;

        public Steps(double[] forecast, double[] lower, double[] upper, double persistence, long ts, long spacing) {
            if (lower.length != forecast.length || upper.length != forecast.length) {
                throw new IllegalArgumentException("steps of " + forecast.length + ", " + lower.length + " and "
                        + upper.length + " bounds");
            }
            this.forecast = forecast;
            this.lower = lower;
            this.upper = upper;
            this.persistence = persistence;
            this.ts = ts;
            this.spacing = spacing;
        }

        @Override
        public Step get(int h) {
            return new Step(h + 1, forecast[h], lower[h], upper[h], persistence, spacing > 0 ? targetTs(h) : null);
        }

        @Override
        public int size() {
            return forecast.length;
        }

        public double forecast(int h) {
            return forecast[h];
        }

        public double lower(int h) {
            return lower[h];
        }

        public double upper(int h) {
            return upper[h];
        }

        public double persistence() {
            return persistence;
        }

        /** Whether the steps have their target times (the symbol's spacing is known). */
        public boolean timed() {
            return spacing > 0;
        }

        /** The target time of step h (0-based); requires {@link #timed}. */
        public long targetTs(int h) {
            return ts + (h + 1) * spacing;
        }
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
