package io.tickcast.backtest;

import io.tickcast.csv.Csv;
import io.tickcast.csv.TickCsv;
import io.tickcast.forecast.Seasonality;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data of a {@link HorizonBench} run, read from its files: training ticks ({@code symbol,ts,value}), the values
 * to forecast ({@code symbol,step,value}) and benchmark forecasts ({@code symbol,method,step,forecast}).
 *
 * @param train      each series' training values, in file order of the symbols
 * @param spacingMs  each series' median spacing of its first timestamps (ms)
 * @param test       each series' test values, steps 1..h
 * @param benchmarks forecasts by method, then symbol (empty without a benchmarks file)
 * @param rows       training rows
 */
public record HorizonData(Map<String, double[]> train, Map<String, Long> spacingMs, Map<String, double[]> test,
                          Map<String, Map<String, double[]>> benchmarks, long rows) {

    /** h: the test file's number of steps (the largest). */
    public int horizon() {
        return test.values().stream().mapToInt(v -> v.length).max().orElse(0);
    }

    /** M4's seasonal lag from the spacing of the first series: 24 hourly, 12 monthly, 4 quarterly, else 1. */
    public int season() {
        return spacingMs.values().stream().findFirst().map(HorizonData::seasonFromSpacing).orElse(1);
    }

    public static HorizonData read(Path train, Path test, Path benchmarks) throws IOException {
        Map<String, double[]> values = new LinkedHashMap<>();
        Map<String, Long> spacing = new LinkedHashMap<>();
        long rows = readTrain(train, values, spacing);
        return new HorizonData(values, spacing, readSteps(test, "value"),
                benchmarks == null ? Map.of() : readBenchmarks(benchmarks), rows);
    }

    /** M4's frequency for a spacing: 24 for hourly, 12 monthly, 4 quarterly, 1 otherwise (daily, weekly, yearly). */
    public static int seasonFromSpacing(long spacingMs) {
        double days = spacingMs / 86_400_000.0;
        if (Math.abs(spacingMs - 3_600_000L) <= 60_000L) {
            return 24;
        }
        if (days >= 28 && days <= 31) {
            return 12;
        }
        return days >= 89 && days <= 92 ? 4 : 1;
    }

    private static long readTrain(Path file, Map<String, double[]> values, Map<String, Long> spacing) throws IOException {
        Map<String, Growing> grow = new LinkedHashMap<>();
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            TickCsv.Rows rows = TickCsv.rows(in);
            for (TickCsv.Row r = rows.next(); r != null; r = rows.next()) {
                grow.computeIfAbsent(r.symbol(), s -> new Growing()).add(Double.parseDouble(r.value()), epochMs(r.ts()));
                n++;
            }
        }
        grow.forEach((symbol, g) -> {
            values.put(symbol, Arrays.copyOf(g.values, g.n));
            spacing.put(symbol, g.n > 1 ? Seasonality.medianSpacing(Arrays.copyOf(g.firstTs, Math.min(g.n, g.firstTs.length))) : 0L);
        });
        return n;
    }

    static long epochMs(String ts) {
        return ts.chars().allMatch(Character::isDigit) ? Long.parseLong(ts) : Instant.parse(ts).toEpochMilli();
    }

    /** A series' values as read, and its first six timestamps. */
    private static final class Growing {
        double[] values = new double[256];
        final long[] firstTs = new long[6];
        int n;

        void add(double v, long ts) {
            if (n == values.length) {
                values = Arrays.copyOf(values, 2 * n);
            }
            if (n < firstTs.length) {
                firstTs[n] = ts;
            }
            values[n++] = v;
        }
    }

    /** {@code symbol,step,<column>}: each symbol's values by step (1-based, at most 1000 steps). */
    private static Map<String, double[]> readSteps(Path file, String column) throws IOException {
        Map<String, Map<String, double[]>> one = readStepFile(file, null, column);
        return one.getOrDefault("", Map.of());
    }

    private static Map<String, Map<String, double[]>> readBenchmarks(Path file) throws IOException {
        return readStepFile(file, "method", "forecast");
    }

    /** A step file's values by group ({@code groupColumn}'s value, "" without one), then symbol, then step. */
    private static Map<String, Map<String, double[]>> readStepFile(Path file, String groupColumn, String column)
            throws IOException {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            Csv csv = Csv.open(in);
            if (csv.header() == null) {
                return out;
            }
            int symbol = csv.header().require("symbol", file);
            int group = groupColumn == null ? -1 : csv.header().require(groupColumn, file);
            int step = csv.header().require("step", file);
            int value = csv.header().require(column, file);
            for (Csv.Line l = csv.next(); l != null; l = csv.next()) {
                int s = Integer.parseInt(l.cell(step));
                if (s < 1 || s > 1000) {
                    throw new IllegalArgumentException(file + " line " + l.number() + ": step " + s + " is not in 1..1000");
                }
                Map<String, double[]> bySymbol = out.computeIfAbsent(group < 0 ? "" : l.cell(group), g -> new LinkedHashMap<>());
                double[] v = bySymbol.compute(l.cell(symbol), (k, old) -> old == null ? filled(s)
                        : old.length >= s ? old : grow(old, s));
                v[s - 1] = Double.parseDouble(l.cell(value));
            }
        }
        return out;
    }

    private static double[] filled(int length) {
        double[] v = new double[length];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private static double[] grow(double[] old, int length) {
        double[] v = filled(length);
        System.arraycopy(old, 0, v, 0, old.length);
        return v;
    }
}
