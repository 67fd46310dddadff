package io.tickcast.backtest;

import io.tickcast.serde.Forecast;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes {@code forecasts.csv} ({@link ForecastColumn}) as the forecasts come out, holding only those whose lines
 * cannot be written yet, so that a backtest's memory does not grow with its length.
 *
 * <p>A step's {@code actual} is the value of the same symbol's forecast {@code step} records later, so a forecast
 * waits for the symbol's next {@code horizon} forecasts, or for {@link #endOfSymbol} (then the missing actuals are
 * empty). Lines keep the forecasts' arrival order, so a forecast also waits for every earlier one. Held: the
 * forecasts since the oldest one still waiting — with interleaved symbols, about horizon × symbols; a symbol that
 * stops while others go on holds everything after its last forecasts until its {@link #endOfSymbol} (or
 * {@link #close}).
 *
 * <p>Call order: {@link #forecast}… (with {@link #endOfSymbol} of a symbol after its last), then {@link #close}, which
 * ends every symbol and writes the rest. The output is byte for byte what writing the whole list at the end gave.
 */
final class ForecastCsvWriter implements Closeable {

    /** A forecast whose lines are not written yet, and the actuals of its steps known so far. */
    private static final class Waiting {
        final Forecast forecast;
        /** The forecast's 0-based index in its symbol's series. */
        final long index;
        /** Per step (in the forecast's order), the actual's text; null while unknown. */
        final String[] actuals;
        int unknown;

        Waiting(Forecast forecast, long index) {
            this.forecast = forecast;
            this.index = index;
            this.actuals = new String[forecast.steps().size()];
            this.unknown = actuals.length;
        }

        /** Fills the actual of each step that lands on {@code later}, the symbol's forecast number {@code at}. */
        void observe(long at, Forecast later) {
            for (int k = 0; k < actuals.length; k++) {
                if (actuals[k] == null && index + forecast.steps().get(k).step() == at) {
                    actuals[k] = Double.toString(later.value());
                    unknown--;
                }
            }
        }

        /** No later forecast will come: the unknown actuals are empty. */
        void settle() {
            for (int k = 0; k < actuals.length; k++) {
                if (actuals[k] == null) {
                    actuals[k] = "";
                }
            }
            unknown = 0;
        }
    }

    /** A symbol's forecasts so far and those of them still missing an actual, oldest first. */
    private static final class Series {
        long count;
        boolean ended;
        final ArrayDeque<Waiting> open = new ArrayDeque<>();
    }

    private final Writer out;
    /** Every forecast not written yet, in arrival order. */
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private final Map<String, Series> symbols = new HashMap<>();
    private boolean closed;

    /** Writes the header to {@code out} (buffered by the caller), which {@link #close} closes. */
    ForecastCsvWriter(Writer out) throws IOException {
        this.out = out;
        out.write(ForecastColumn.headerLine());
    }

    /**
     * Takes the symbol's next forecast: it supplies the actuals of the symbol's earlier ones; writes every line that
     * no longer waits.
     *
     * @throws IllegalArgumentException if a step is not 1 or more
     * @throws IllegalStateException    after the symbol's {@link #endOfSymbol} or {@link #close}
     */
    void forecast(Forecast f) throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (f.steps().stream().anyMatch(s -> s.step() < 1)) {
            throw new IllegalArgumentException("steps are 1-based: " + f.steps());
        }
        Series s = symbols.computeIfAbsent(f.symbol(), k -> new Series());
        if (s.ended) {
            throw new IllegalStateException("a forecast of " + f.symbol() + " after its end");
        }
        for (Waiting w : s.open) {
            w.observe(s.count, f);
        }
        s.open.removeIf(w -> w.unknown == 0);
        Waiting w = new Waiting(f, s.count++);
        if (w.unknown > 0) {
            s.open.add(w);
        }
        queue.add(w);
        drain();
    }

    /** The symbol has no more forecasts: its waiting lines get empty actuals and are written when their turn comes. */
    void endOfSymbol(String symbol) throws IOException {
        Series s = symbols.computeIfAbsent(symbol, k -> new Series());
        s.ended = true;
        s.open.forEach(Waiting::settle);
        s.open.clear();
        drain();
    }

    /** Forecasts held, not yet written: what the writer costs in memory. */
    int held() {
        return queue.size();
    }

    private void drain() throws IOException {
        while (!queue.isEmpty() && queue.peek().unknown == 0) {
            Waiting w = queue.poll();
            for (int k = 0; k < w.actuals.length; k++) {
                out.write(ForecastColumn.line(w.forecast, w.forecast.steps().get(k), w.actuals[k]));
            }
        }
    }

    /** Ends every symbol, writes the remaining lines and closes the output. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            for (String symbol : symbols.keySet().toArray(String[]::new)) {
                endOfSymbol(symbol);
            }
        } finally {
            closed = true;
            out.close();
        }
    }
}
