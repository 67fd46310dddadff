package io.tickcast.synth;

import io.tickcast.csv.TickCsv;
import io.tickcast.serde.TickParser;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An endless stream of ticks: each symbol a geometric Brownian motion, one tick per symbol per round
 * ({@code step} ms apart), timestamps as epoch ms. Deterministic for a given seed. Feeds
 * {@code demo --follow} (continuing a replayed data set) and {@code bench e2e} (its load).
 */
public final class SyntheticFeed {

    private static final long DAY = 86_400_000L;
    /** Daily steps of 5 %/year drift and 20 %/year volatility, 252 trading days a year. */
    private static final double DAILY_MU = 0.05 / 252;
    private static final double DAILY_SIGMA = 0.2 * Math.sqrt(1.0 / 252);

    private final String[] symbols;
    private final double[] logValues;
    private final long[] ts;
    private final long step;
    private final double mu;
    private final double sigma;
    private final SplittableRandom random;
    private int next;

    private SyntheticFeed(String[] symbols, double[] values, long[] ts, long step, double mu, double sigma, long seed) {
        this.symbols = symbols;
        this.logValues = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logValues[i] = Math.log(values[i]);
        }
        this.ts = ts;
        this.step = step;
        this.mu = mu;
        this.sigma = sigma;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Goes on from the last row of every symbol of {@code replayed} (a symbol {@code SYN} at 100 when it is
     * empty), one day apart, with 5 %/year drift and 20 %/year volatility.
     */
    public static SyntheticFeed continuing(List<TickCsv.Row> replayed, long seed) {
        Map<String, TickCsv.Row> last = new LinkedHashMap<>();
        replayed.forEach(r -> last.put(r.symbol(), r));
        if (last.isEmpty()) {
            last.put("SYN", new TickCsv.Row(0, "SYN", "2020-01-01", "100"));
        }
        String[] s = last.keySet().toArray(new String[0]);
        double[] v = new double[s.length];
        long[] t = new long[s.length];
        for (int i = 0; i < s.length; i++) {
            TickCsv.Row r = last.get(s[i]);
            v[i] = Double.parseDouble(r.value());
            t[i] = TickParser.parseTimestamp(r.ts());
        }
        return new SyntheticFeed(s, v, t, DAY, DAILY_MU, DAILY_SIGMA, seed);
    }

    /**
     * Every symbol starts at {@code start}; its first tick is at {@code from + step}.
     *
     * @param mu    drift per step (see {@link Gbm#logReturn})
     * @param sigma volatility per step
     */
    public static SyntheticFeed starting(List<String> symbols, double start, long from, long step, double mu,
                                         double sigma, long seed) {
        double[] v = new double[symbols.size()];
        long[] t = new long[symbols.size()];
        Arrays.fill(v, start);
        Arrays.fill(t, from);
        return new SyntheticFeed(symbols.toArray(new String[0]), v, t, step, mu, sigma, seed);
    }

    /** The next symbol's next tick. */
    public TickCsv.Row next() {
        int i = next;
        next = (next + 1) % symbols.length;
        logValues[i] += Gbm.logReturn(mu, sigma, Gaussian.next(random));
        ts[i] += step;
        return new TickCsv.Row(0, symbols[i], Long.toString(ts[i]), String.valueOf(Math.exp(logValues[i])));
    }
}
