package io.tickcast.stats;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the CSV golden files written by {@code make_reference.R}, and shared assertions. */
final class Golden {

    private Golden() {
    }

    /**
     * Rows of a CSV resource next to this class, header skipped, split on commas. A file without rows is an
     * error: a test looping over it would pass having checked nothing.
     */
    static List<String[]> rows(String name) {
        try (InputStream in = Golden.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> out = new ArrayList<>();
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(line.split(","));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("golden file " + name + " has no rows");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] series() {
        return rows("series.csv").stream().mapToDouble(r -> Double.parseDouble(r[0])).toArray();
    }

    /** |actual - expected| &lt;= rel * |expected| + abs. */
    static void close(double expected, double actual, double rel, double abs, String what) {
        assertTrue(Math.abs(actual - expected) <= rel * Math.abs(expected) + abs,
                () -> what + ": expected " + expected + " but was " + actual + " (rel err "
                        + Math.abs(actual - expected) / Math.abs(expected) + ")");
    }
}
