package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CSV files written by {@code make_proto_reference_agg.py} (next to this package in the test resources), read by
 * column name; and the tolerance assertion of the aggregation tests.
 */
final class AggregationCsv {

    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String[]> rows = new ArrayList<>();

    private AggregationCsv(String name) {
        try (InputStream in = AggregationCsv.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (run make_proto_reference_agg.py)");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = r.readLine().split(",");
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i], i);
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AggregationCsv read(String name) {
        return new AggregationCsv(name);
    }

    int size() {
        return rows.size();
    }

    /** A float column; Python's {@code nan} reads as NaN. */
    double number(int row, String column) {
        String s = text(row, column);
        return "nan".equals(s) ? Double.NaN : Double.parseDouble(s);
    }

    int integer(int row, String column) {
        return Integer.parseInt(text(row, column));
    }

    /** Columns {@code prefix0 .. prefix(k-1)} of a row. */
    double[] numbers(int row, String prefix, int k) {
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = number(row, prefix + i);
        }
        return out;
    }

    /** The bit mask column {@code awake} of a row as K flags. */
    boolean[] awake(int row, int k) {
        int bits = integer(row, "awake");
        boolean[] out = new boolean[k];
        for (int i = 0; i < k; i++) {
            out[i] = (bits >>> i & 1) == 1;
        }
        return out;
    }

    private String text(int row, String column) {
        Integer i = columns.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column " + column);
        }
        return rows.get(row)[i];
    }

    /** |actual − expected| ≤ tol · max(1, |expected|): relative for large values, absolute near 0. */
    static void close(double expected, double actual, double tol, String what) {
        assertTrue(Math.abs(actual - expected) <= tol * Math.max(1.0, Math.abs(expected)),
                () -> what + ": expected " + expected + " but was " + actual + " (diff " + (actual - expected) + ")");
    }
}
