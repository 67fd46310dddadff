package io.tickcast.http;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

/**
 * One symbol's line in the live page's overview: its latest forecast record boiled down, and the break signals this
 * instance has seen for it. Null fields are undefined (no scored forecast yet, warm-up, no break).
 *
 * @param symbol          the series
 * @param ts              the timestamp of its latest tick (epoch ms)
 * @param value           the latest tick's value
 * @param ticks           ticks accepted for the symbol
 * @param forecast        the next value's forecast (step 1)
 * @param lower           its interval's lower bound
 * @param upper           its interval's upper bound
 * @param level           the interval's nominal coverage
 * @param scored          forecasts scored in the rolling window behind {@code rmse} and {@code coverage}
 * @param rmse            the forecast's rolling RMSE
 * @param persistenceRmse persistence's rolling RMSE over the same points
 * @param errorRatio      {@code rmse / persistenceRmse}: below 1 the forecast beats persistence
 * @param coverage        the share of recent actuals inside their interval
 * @param source          the leading expert
 * @param sourceWeight    the leading expert's one-step weight
 * @param gain            the share of the experts' combined change in the forecast
 * @param period          the seasonal period in use
 * @param breaks          break signals seen for the symbol since this instance started
 * @param lastBreakTs     the tick at which the latest of them was signalled
 * @param breakTs         the latest estimated break (the first observation after it)
 */
public record SymbolRow(String symbol, long ts, double value, long ticks, Double forecast, Double lower, Double upper,
                        double level, long scored, Double rmse, Double persistenceRmse, Double errorRatio,
                        Double coverage, String source, Double sourceWeight, Double gain, Integer period,
                        long breaks, Long lastBreakTs, Long breakTs) {

    /** The row of a new forecast, carrying over the break signals of the symbol's previous row (or none). */
    static SymbolRow of(Forecast f, SymbolRow previous) {
        Forecast.Step one = f.steps().get(0);
        Forecast.Score s = f.score();
        Double ratio = s.rmse() != null && s.persistenceRmse() != null && s.persistenceRmse() > 0
                ? s.rmse() / s.persistenceRmse() : null;
        Double weight = f.experts() == null ? null : f.experts().get(f.source());
        return new SymbolRow(f.symbol(), f.ts(), f.value(), f.ticks(), one.forecast(), one.lower(), one.upper(),
                s.level(), s.n(), s.rmse(), s.persistenceRmse(), ratio, s.coverage(), f.source(), weight, f.gain(),
                f.period(), previous == null ? 0 : previous.breaks, previous == null ? null : previous.lastBreakTs,
                previous == null ? null : previous.breakTs);
    }

    /** This row with one more break signal. */
    SymbolRow withBreak(BreakSignal b) {
        return new SymbolRow(symbol, ts, value, ticks, forecast, lower, upper, level, scored, rmse, persistenceRmse,
                errorRatio, coverage, source, sourceWeight, gain, period, breaks + 1, b.ts(), b.breakTs());
    }
}
