package io.tickcast.synth;

import io.tickcast.csv.TickCsv;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A live continuation of a replayed data set for {@code demo --follow}: each symbol goes on as a
 * geometric Brownian motion from its last value, one tick per symbol per round, one day apart.
 * Deterministic for a given seed.
 */
public final class SyntheticFeed {

    private final String[] symbols;
    private final double[] values;
    private final long[] ts;
    private final SplittableRandom random;
    private int next;

    private SyntheticFeed(String[] symbols, double[] values, long[] ts, long seed) {
        this.symbols = symbols;
        this.values = values;
        this.ts = ts;
        this.random = new SplittableRandom(seed);
    }

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
            t[i] = io.tickcast.serde.TickParser.parseTimestamp(r.ts());
        }
        return new SyntheticFeed(s, v, t, seed);
    }

    public TickCsv.Row next() {
        int i = next;
        next = (next + 1) % symbols.length;
        // Daily GBM: drift 5%/year, volatility 20%/year.
        double dt = 1.0 / 252;
        values[i] *= Math.exp((0.05 - 0.5 * 0.04) * dt + 0.2 * Math.sqrt(dt) * gaussian());
        ts[i] += 86_400_000L;
        String date = LocalDate.ofInstant(Instant.ofEpochMilli(ts[i]), ZoneOffset.UTC).toString();
        return new TickCsv.Row(0, symbols[i], date, String.valueOf(values[i]));
    }

    private double gaussian() {
        // Box-Muller from the seeded generator (java.util.Random's nextGaussian is not on SplittableRandom in 17).
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
