package io.tickcast.backtest;

/** A column of one of the backtest's CSV files ({@link ForecastColumn}, {@link BreakColumn}). */
public interface Column {

    /** The column's name in the header line. */
    String header();
}
