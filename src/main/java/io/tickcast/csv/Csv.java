package io.tickcast.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one reader of the comma-separated files tickcast reads: tick CSV, OHLC, ground truth, plain value
 * columns, a backtest's output. RFC 4180 CSV through Jackson's CSV module: a cell in double quotes may hold commas,
 * line breaks and doubled quotes ({@code ""}); blank lines are skipped, cells trimmed. The first non-blank line is
 * the header; its names are compared case-insensitively (a byte-order mark is dropped). Line numbers count every
 * physical line from 1 (a row's is that of its first line), for messages.
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

    /** The header line and its column names, normalised (lower case, no quotes). */
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

    /** Without a schema each record is an array of strings, whatever its length: the callers check the arity. */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final CsvParser parser;
    private final Header header;

    private Csv(BufferedReader in) throws IOException {
        skipByteOrderMark(in);
        this.parser = (CsvParser) MAPPER.createParser(in);
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

    /**
     * A cell as written to a CSV file: in double quotes, with its quotes doubled, when it holds a comma, a quote or a
     * line break (RFC 4180), as {@link #next()} reads it back; otherwise unchanged.
     */
    public static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }

    /** The first non-blank line as a header, or null for an empty input. */
    public Header header() {
        return header;
    }

    /**
     * The next non-blank record, or null at the end.
     *
     * @throws UncheckedIOException when reading fails
     * @throws IllegalArgumentException naming the line of malformed CSV (a quote never closed)
     */
    public Line next() {
        try {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t != JsonToken.START_ARRAY) {
                    continue;
                }
                int number = -1;
                List<String> cells = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (number < 0) {
                        number = parser.currentTokenLocation().getLineNr(); // where the record starts
                    }
                    cells.add(parser.getText().trim());
                }
                if (cells.stream().anyMatch(c -> !c.isEmpty())) {
                    return new Line(number, String.join(",", cells), cells.toArray(String[]::new));
                }
            }
            return null;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + e.getLocation().getLineNr() + ": malformed CSV: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Jackson reads a byte-order mark as part of the first cell; a spreadsheet's UTF-8 export starts with one. */
    private static void skipByteOrderMark(BufferedReader in) throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
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
