package io.tickcast.backtest;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.io.IOException;

/**
 * Told each record a {@link Backtest}'s topology emits, as it comes out, so that callers consume the outputs as a
 * stream instead of the backtest keeping them: a million ticks' forecasts do not fit in a small heap.
 *
 * <p>Call order: per tick, its forecasts, then its break records; {@link #endOfSymbol} once a symbol's last tick
 * has gone through (if the caller knows it).
 */
public interface BacktestListener {

    /** A forecast, in output order. */
    default void forecast(Forecast f) throws IOException {
    }

    /** A break record (a signal or, with {@code chow.emit=all}, any statistic), in output order. */
    default void breakRecord(BreakSignal b) throws IOException {
    }

    /** No more records of {@code symbol} will come: whatever waits on its later ticks can be settled. */
    default void endOfSymbol(String symbol) throws IOException {
    }
}
