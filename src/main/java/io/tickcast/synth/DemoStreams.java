package io.tickcast.synth;

import io.tickcast.csv.TickCsv;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code tickcast demo} replays: the bundled index closes (random walks, where nothing beats persistence) and,
 * beside them, generated sensor-like streams with a known truth (a daily cycle, a daily and a weekly cycle, a level
 * shift at a known tick) where the seasonal experts and the break monitor have something to find. Pure and
 * deterministic (fixed seeds), no Kafka.
 */
public final class DemoStreams {

    /** Ticks of every generated stream in the replay (as many as each index has). */
    public static final int TICKS = 1860;

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);
    /** The level shift of {@code level_break}: 5 noise sd (the default CUSUM monitor finds it within a few ticks). */
    private static final Generator.Break SHIFT = new Generator.Break(1200, Generator.BreakType.MEAN, 5);

    /** One generated stream: its symbol, what it is made of (said in the demo's summary) and its values. */
    public record Stream(String symbol, String truth, List<Generator.Spec> parts) {

        /** The sum of the parts' first {@code n} values (each part prefix-stable in {@code n}). */
        double[] values(int n) {
            double[] out = new double[n];
            for (Generator.Spec p : parts) {
                double[] v = Generator.series(p.withTicks(n), 0);
                for (int i = 0; i < n; i++) {
                    out[i] += v[i];
                }
            }
            return out;
        }

        long ts(int i) {
            return parts.get(0).ts(i);
        }
    }

    private static final List<Stream> GENERATED = List.of(
            new Stream("temp_daily", "generated: hourly, daily cycle (24 ticks) + noise sd 1",
                    List.of(sensor(11, HOUR, 24, 5, 1, 20, List.of()))),
            new Stream("load_weekly", "generated: hourly, daily (24) + weekly (168) cycles + noise sd 1",
                    List.of(sensor(12, HOUR, 24, 5, 1, 20, List.of()), sensor(13, HOUR, 168, 8, 0, 0, List.of()))),
            new Stream("flow_30min", "generated: every 30 min, daily cycle (48 ticks) + noise sd 1",
                    List.of(sensor(14, Duration.ofMinutes(30), 48, 5, 1, 20, List.of()))),
            new Stream("level_break", "generated: hourly, daily cycle, level +5 sd at "
                    + START.plus(HOUR.multipliedBy(SHIFT.at())).toString().replace(":00Z", "Z"),
                    List.of(sensor(15, HOUR, 24, 5, 1, 20, List.of(SHIFT)))));

    private DemoStreams() {
    }

    /** A sensor series: {@code level + amplitude·sin(2π(t + phase)/period) + noise·z_t} (see {@link Generator}). */
    private static Generator.Spec sensor(long seed, Duration step, double period, double amplitude, double noise,
                                         double level, List<Generator.Break> breaks) {
        return new Generator.Spec(Generator.Kind.SENSOR, 1, TICKS, seed, START, step, noise, 0, 0, level, amplitude,
                period, 0, breaks);
    }

    public static List<Stream> generated() {
        return GENERATED;
    }

    /** Symbol → truth of every generated stream, in their order. */
    public static Map<String, String> truth() {
        Map<String, String> m = new LinkedHashMap<>();
        GENERATED.forEach(s -> m.put(s.symbol(), s.truth()));
        return m;
    }

    /**
     * The replay: {@code indices} (in their order) and the first {@link #TICKS} ticks of every generated stream, merged
     * so that every stream advances at the same pace (row {@code i} of a list of {@code n} goes at {@code i/n}).
     */
    public static List<TickCsv.Row> replay(List<TickCsv.Row> indices) {
        List<List<TickCsv.Row>> lists = new ArrayList<>();
        lists.add(indices);
        for (Stream s : GENERATED) {
            double[] v = s.values(TICKS);
            List<TickCsv.Row> rows = new ArrayList<>(TICKS);
            for (int i = 0; i < TICKS; i++) {
                rows.add(row(s, i, v[i]));
            }
            lists.add(rows);
        }
        int total = lists.stream().mapToInt(List::size).sum();
        List<TickCsv.Row> out = new ArrayList<>(total);
        int[] next = new int[lists.size()];
        while (out.size() < total) {
            int best = -1;
            double bestAt = Double.POSITIVE_INFINITY;
            for (int l = 0; l < lists.size(); l++) {
                int n = lists.get(l).size();
                double at = (double) next[l] / n;
                if (next[l] < n && at < bestAt) {
                    best = l;
                    bestAt = at;
                }
            }
            out.add(lists.get(best).get(next[best]++));
        }
        return out;
    }

    /**
     * After {@code replayed} (a prefix of {@link #replay}): the indices go on as geometric Brownian motions
     * ({@link SyntheticFeed#continuing}), the generated streams with their own next ticks; one tick of every
     * symbol in turn, endlessly.
     */
    public static Iterator<TickCsv.Row> follow(List<TickCsv.Row> replayed, long seed) {
        Map<String, Integer> done = new LinkedHashMap<>();
        replayed.forEach(r -> done.merge(r.symbol(), 1, Integer::sum));
        List<TickCsv.Row> indexRows = replayed.stream().filter(r -> !truth().containsKey(r.symbol())).toList();
        SyntheticFeed indices = SyntheticFeed.continuing(indexRows, seed);
        int indexSymbols = (int) indexRows.stream().map(TickCsv.Row::symbol).distinct().count();
        return new Iterator<>() {
            private final int[] next = GENERATED.stream().mapToInt(s -> done.getOrDefault(s.symbol(), 0)).toArray();
            private final double[][] values = new double[GENERATED.size()][];
            private int turn;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public TickCsv.Row next() {
                int rounds = Math.max(1, indexSymbols) + GENERATED.size();
                int t = turn++ % rounds;
                if (t < Math.max(1, indexSymbols)) {
                    return indices.next();
                }
                int g = t - Math.max(1, indexSymbols);
                Stream s = GENERATED.get(g);
                int i = next[g]++;
                if (values[g] == null || i >= values[g].length) {
                    // Prefix-stable: a longer series repeats the first values, so doubling continues it.
                    values[g] = s.values(Math.max(2 * TICKS, 2 * i));
                }
                return row(s, i, values[g][i]);
            }
        };
    }

    private static TickCsv.Row row(Stream s, int i, double value) {
        return new TickCsv.Row(i + 2, s.symbol(), Long.toString(s.ts(i)), Generator.format(value));
    }
}
