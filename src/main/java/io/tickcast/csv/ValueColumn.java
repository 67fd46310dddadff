package io.tickcast.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One column of numbers: a file with one number per line, or a CSV (a tick CSV, say) whose header names a
 * {@code value} column — otherwise its last column is read. The first line is a header when its last
 * cell is not a number.
 */
public final class ValueColumn {

    private ValueColumn() {
    }

    /**
     * @throws IllegalArgumentException naming the file and line of a cell that is not a number
     */
    public static double[] read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Csv csv = Csv.open(in);
            Csv.Header h = csv.header();
            if (h == null) {
                return new double[0];
            }
            int column = -1; // -1: every line's last cell
            double[] out = new double[16];
            int n = 0;
            Csv.Line first = h.line();
            if (isNumber(first.cell(first.size() - 1))) {
                out[n++] = value(file, first, column);
            } else {
                column = h.index("value") >= 0 ? h.index("value") : first.size() - 1;
            }
            for (Csv.Line l = csv.next(); l != null; l = csv.next()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = value(file, l, column);
            }
            return Arrays.copyOf(out, n);
        }
    }

    private static double value(Path file, Csv.Line l, int column) {
        int c = column >= 0 ? column : l.size() - 1;
        if (c >= l.size() || !isNumber(l.cell(c))) {
            throw new IllegalArgumentException(file + ":" + l.number() + ": not a number: '" + l.text() + "'");
        }
        return Double.parseDouble(l.cell(c));
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
