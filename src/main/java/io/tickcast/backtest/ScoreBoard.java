package io.tickcast.backtest;

import io.tickcast.serde.Forecast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores a stream of forecast records after the fact, per symbol: each one-step forecast against the
 * value of the symbol's next forecast record (the next tick). Used by the demo's and the backtest's
 * summaries. MASE here is the model's MAE over persistence's MAE on the same points.
 */
public final class ScoreBoard {

    /** Running sums of one symbol. */
    public static final class Symbol {
        long ticks;
        long forecasts;
        long lstmForecasts;
        /** The expert leading the latest forecast, its one-step weight (null during warm-up), the period in use. */
        String leader;
        Double leaderWeight;
        Integer period;
        /** The share of the experts' combined change in the latest forecast (0: persistence). */
        Double gain;
        long breaks;
        /** The estimated date of the latest break signalled (first observation after it), null when none was. */
        Long lastBreakTs;
        /** True once a tick's timestamp is not at midnight UTC: its dates then carry the time of day. */
        boolean intraday;
        long deadLetters;
        long n;
        double se;
        double ae;
        double sePersistence;
        double aePersistence;
        long inside;
        private Forecast previous;

        public long n() {
            return n;
        }

        public double rmse() {
            return n == 0 ? Double.NaN : Math.sqrt(se / n);
        }

        public double mae() {
            return n == 0 ? Double.NaN : ae / n;
        }

        public double persistenceRmse() {
            return n == 0 ? Double.NaN : Math.sqrt(sePersistence / n);
        }

        public double persistenceMae() {
            return n == 0 ? Double.NaN : aePersistence / n;
        }

        /** Model MAE / persistence MAE over the same points (below 1: the model wins). */
        public double mase() {
            return n == 0 || aePersistence == 0 ? Double.NaN : ae / aePersistence;
        }

        public double coverage() {
            return n == 0 ? Double.NaN : (double) inside / n;
        }

        public long forecasts() {
            return forecasts;
        }

        public long breaks() {
            return breaks;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ticks", ticks);
            m.put("forecasts", forecasts);
            m.put("lstm_forecasts", lstmForecasts);
            m.put("leader", leader);
            m.put("leader_weight", leaderWeight);
            m.put("period", period);
            m.put("gain", gain);
            m.put("n", n);
            m.put("rmse", finiteOrNull(rmse()));
            m.put("mae", finiteOrNull(mae()));
            m.put("persistence_rmse", finiteOrNull(persistenceRmse()));
            m.put("persistence_mae", finiteOrNull(persistenceMae()));
            m.put("mase", finiteOrNull(mase()));
            m.put("coverage", finiteOrNull(coverage()));
            m.put("breaks", breaks);
            m.put("dead_letters", deadLetters);
            return m;
        }
    }

    private final Map<String, Symbol> symbols = new TreeMap<>();
    private long deadLettersWithoutSymbol;

    public Symbol symbol(String s) {
        return symbols.computeIfAbsent(s, k -> new Symbol());
    }

    public void tick(String symbol) {
        symbol(symbol).ticks++;
    }

    public void forecast(Forecast f) {
        Symbol s = symbol(f.symbol());
        s.forecasts++;
        s.intraday |= f.ts() % DAY != 0;
        if ("lstm".equals(f.source())) {
            s.lstmForecasts++;
        }
        s.leader = f.source();
        s.leaderWeight = f.experts() == null ? null : f.experts().get(f.source());
        s.period = f.period();
        s.gain = f.gain();
        Forecast p = s.previous;
        if (p != null) {
            double actual = f.value();
            Forecast.Step step = p.steps().get(0);
            double e = actual - step.forecast();
            double ep = actual - step.persistence();
            s.n++;
            s.se += e * e;
            s.ae += Math.abs(e);
            s.sePersistence += ep * ep;
            s.aePersistence += Math.abs(ep);
            if (actual >= step.lower() && actual <= step.upper()) {
                s.inside++;
            }
        }
        s.previous = f;
    }

    public void breakSignal(String symbol) {
        symbol(symbol).breaks++;
    }

    /** A break signalled for {@code symbol}, dated at {@code breakTs} (epoch ms; null when undated). */
    public void breakSignal(String symbol, Long breakTs) {
        Symbol s = symbol(symbol);
        s.breaks++;
        if (breakTs != null) {
            s.lastBreakTs = breakTs;
        }
    }

    public void deadLetter(String symbolOrNull) {
        if (symbolOrNull == null) {
            deadLettersWithoutSymbol++;
        } else {
            symbol(symbolOrNull).deadLetters++;
        }
    }

    public Map<String, Symbol> symbols() {
        return symbols;
    }

    public long total(java.util.function.ToLongFunction<Symbol> f) {
        return symbols.values().stream().mapToLong(f).sum();
    }

    /** {@code {"ticks":…, "forecasts":…, "breaks":…, "dead_letters":…, "symbols": {…}}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ticks", total(s -> s.ticks));
        m.put("forecasts", total(s -> s.forecasts));
        m.put("breaks", total(s -> s.breaks));
        m.put("dead_letters", total(s -> s.deadLetters) + deadLettersWithoutSymbol);
        Map<String, Object> per = new LinkedHashMap<>();
        symbols.forEach((k, v) -> per.put(k, v.toMap()));
        m.put("symbols", per);
        return m;
    }

    /** A fixed-width table for the terminal. */
    public String table() {
        return table(null);
    }

    /**
     * As {@link #table()}, with two more columns when {@code truth} is given: {@code dated}, the estimated date of the
     * latest break signalled, and {@code truth}, what is known of the symbol's series ({@code -} when not in the map).
     */
    public String table(Map<String, String> truth) {
        int w = Math.max(10, symbols.keySet().stream().mapToInt(String::length).max().orElse(0));
        String head = "%-" + w + "s %8s %9s %12s %12s %7s %8s %6s %-12s %6s %5s %6s";
        String row = "%-" + w + "s %8d %9d %12.4f %12.4f %7.4f %8.3f %6d %-12s %6s %5s %6s";
        StringBuilder sb = new StringBuilder(String.format(head, "symbol", "ticks", "forecasts", "rmse", "persist_rmse",
                "mase", "coverage", "breaks", "leader", "weight", "gain", "period"));
        sb.append(truth == null ? "" : String.format(" %-17s %s", "dated", "truth")).append(System.lineSeparator());
        symbols.forEach((k, s) -> {
            sb.append(String.format(row, k, s.ticks, s.forecasts, s.rmse(), s.persistenceRmse(), s.mase(), s.coverage(),
                    s.breaks, s.leader == null ? "-" : s.leader, fixed(s.leaderWeight), fixed(s.gain),
                    s.period == null ? "-" : s.period));
            if (truth != null) {
                sb.append(String.format(" %-17s %s", date(s.lastBreakTs, s.intraday), truth.getOrDefault(k, "-")));
            }
            sb.append(System.lineSeparator());
        });
        return sb.toString();
    }

    private static final long DAY = 86_400_000L;

    /** {@code 2024-02-20T01:00Z} ({@code intraday} or not at midnight UTC), {@code 1998-08-21}, or {@code -}. */
    static String date(Long ts, boolean intraday) {
        if (ts == null) {
            return "-";
        }
        String iso = java.time.Instant.ofEpochMilli(ts).toString();
        return !intraday && ts % DAY == 0 ? iso.substring(0, 10) : iso.replaceFirst(":00Z$", "Z");
    }

    private static String fixed(Double v) {
        return v == null ? "-" : String.format("%.2f", v);
    }

    static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
