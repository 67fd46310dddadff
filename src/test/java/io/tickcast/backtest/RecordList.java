package io.tickcast.backtest;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Every record of a backtest, in memory, for tests that want them all at the end on small inputs (the list-based
 * reference of {@link ListReference}): it grows with the run, so it lives with the tests.
 */
final class RecordList implements BacktestListener {

    private final List<Forecast> forecasts = new ArrayList<>();
    private final List<BreakSignal> breaks = new ArrayList<>();

    @Override
    public void forecast(Forecast f) {
        forecasts.add(f);
    }

    @Override
    public void breakRecord(BreakSignal b) {
        breaks.add(b);
    }

    /** Every forecast so far, in output order. */
    List<Forecast> forecasts() {
        return forecasts;
    }

    /** Every break record so far (signals and, with {@code chow.emit=all}, every statistic), in output order. */
    List<BreakSignal> breaks() {
        return breaks;
    }
}
