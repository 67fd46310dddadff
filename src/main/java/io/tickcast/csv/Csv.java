package io.tickcast.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one reader of the comma-separated files tickcast reads: tick CSV, OHLC, ground truth, plain value
 * columns, a backtest's output. Plain CSV: no quoting of commas, blank lines skipped, cells trimmed.
 * The first non-blank line is the header; its names are compared case-insensitively (a byte-order mark
 * and double quotes are dropped). Line numbers count every physical line from 1, for messages.
 *
 * <p>Call order: {@link #open}, {@link #header()}, then {@link #next()} until it returns null.
 */
public final class Csv {

    /** A non-blank line: its 1-based number in the file, its text (stripped) and its cells (trimmed). */
    public record Line(int number, String text, String[] cells) {

        public int size() {
            return cells.length;
        }

        public String cell(int i) {
            return cells[i];
        }
    }

    /** The header line and its column names, normalised (lower case, no quotes, no byte-order mark). */
    public record Header(Line line, List<String> names) {

        /** The index of column {@code name} (case-insensitive), or -1. */
        public int index(String name) {
            return names.indexOf(normalise(name));
        }

        /**
         * The index of column {@code name}.
         *
         * @throws IllegalArgumentException naming {@code source}, the column and the header
         */
        public int require(String name, Object source) {
            int i = index(name);
            if (i < 0) {
                throw new IllegalArgumentException(source + ": no column '" + name + "' in the header '" + line.text() + "'");
            }
            return i;
        }

        /** Whether the first columns are exactly {@code names}, in that order. */
        public boolean startsWith(String... expected) {
            if (names.size() < expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (!names.get(i).equals(normalise(expected[i]))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final BufferedReader in;
    private final Header header;
    private int number;

    private Csv(BufferedReader in) throws IOException {
        this.in = in;
        Line first = next();
        this.header = first == null ? null : new Header(first, names(first));
    }

    /**
     * Reads the header line of {@code in}; the caller closes {@code in}.
     *
     * @throws UncheckedIOException when reading fails
     */
    public static Csv open(BufferedReader in) {
        try {
            return new Csv(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first non-blank line as a header, or null for an empty input. */
    public Header header() {
        return header;
    }

    /**
     * The next non-blank line, or null at the end.
     *
     * @throws UncheckedIOException when reading fails
     */
    public Line next() {
        try {
            String text;
            while ((text = in.readLine()) != null) {
                number++;
                String stripped = text.strip();
                if (!stripped.isEmpty()) {
                    String[] cells = stripped.split(",", -1);
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = cells[i].trim();
                    }
                    return new Line(number, stripped, cells);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(Line line) {
        List<String> out = new ArrayList<>(line.size());
        for (String c : line.cells()) {
            out.add(normalise(c));
        }
        return List.copyOf(out);
    }

    private static String normalise(String name) {
        return name.replace("\uFEFF", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
    }
}
