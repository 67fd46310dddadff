package io.tickcast.csv;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * Reads tick CSV (a header naming the symbol, ts and value columns, {@code symbol,ts,value} by default, in any order
 * among other columns; {@code ts} epoch ms or ISO-8601) into rows, and Yahoo-style OHLC CSV as the ticks of one
 * symbol. Quoting is {@link Csv}'s. Values are kept as text: the tick contract, not this reader, decides what is valid.
 */
public final class TickCsv {

    /**
     * A number or a JSON literal (NaN and Infinity included, for the contract to name them): anything else, such as a
     * quoted cell with commas and quotes, goes as a JSON string, never spliced into the tick's JSON.
     */
    private static final Pattern NUMBER = Pattern.compile("-?[0-9.]+([eE][-+]?[0-9]+)?|[-+]?(NaN|Infinity)|null|true|false");

    /** One CSV row, 1-based line number for messages. */
    public record Row(int line, String symbol, String ts, String value) {
        /** The tick as the JSON the {@code ticks} topic carries. */
        public String json() {
            String tsJson = ts.chars().allMatch(Character::isDigit) && !ts.isEmpty() ? ts : quote(ts);
            String valueJson = NUMBER.matcher(value).matches() ? value : quote(value);
            return "{\"symbol\":" + quote(symbol) + ",\"ts\":" + tsJson + ",\"value\":" + valueJson + "}";
        }
    }

    /** The header names of a tick CSV's symbol, timestamp and value columns (compared case-insensitively). */
    public record Columns(String symbol, String ts, String value) {

        /** {@code symbol,ts,value}. */
        public static final Columns DEFAULT = new Columns("symbol", "ts", "value");

        public Columns {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(ts, "ts");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return symbol + "," + ts + "," + value;
        }
    }

    private TickCsv() {
    }

    /** As {@link #read(BufferedReader, Columns, long)} with the columns {@code symbol,ts,value}. */
    public static List<Row> read(BufferedReader in, long limit) {
        return read(in, Columns.DEFAULT, limit);
    }

    /**
     * Tick CSV a row at a time, for inputs too long to hold ({@code backtest} over millions of rows): memory does not
     * grow with the file. Call {@link #rows}, then {@link #next} until it returns null; the caller closes the reader.
     */
    public static final class Rows {

        private final Csv csv;
        /** The symbol's, ts's and value's column indices. */
        private final int[] at;

        private Rows(Csv csv, int[] at) {
            this.csv = csv;
            this.at = at;
        }

        /**
         * The next row, or null at the end.
         *
         * @throws IllegalArgumentException when the row is too short to hold the three columns
         */
        public Row next() {
            Csv.Line l = csv == null ? null : csv.next();
            if (l == null) {
                return null;
            }
            int needed = Math.max(at[0], Math.max(at[1], at[2])) + 1;
            if (l.size() < needed) {
                throw new IllegalArgumentException("line " + l.number() + ": expected " + needed + " fields, got " + l.size());
            }
            return new Row(l.number(), l.cell(at[0]), l.cell(at[1]), l.cell(at[2]));
        }
    }

    /** As {@link #rows(BufferedReader, Columns)} with the columns {@code symbol,ts,value}. */
    public static Rows rows(BufferedReader in) {
        return rows(in, Columns.DEFAULT);
    }

    /**
     * Reads the header of a tick CSV; an empty input has no rows.
     *
     * @throws IllegalArgumentException naming the columns missing from the header
     */
    public static Rows rows(BufferedReader in, Columns columns) {
        Csv csv = Csv.open(in);
        if (csv.header() == null) {
            return new Rows(null, null);
        }
        int[] at = indices(csv.header(), columns);
        List<String> missing = missing(columns, at);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missingMessage(csv.header(), columns, missing));
        }
        return new Rows(csv, at);
    }

    /**
     * @param limit stop after this many rows (≤ 0: all)
     * @throws IllegalArgumentException naming the columns missing from the header, or the line of a short row
     */
    public static List<Row> read(BufferedReader in, Columns columns, long limit) {
        return readTicks(rows(in, columns), limit);
    }

    /** As {@link #readAny(BufferedReader, Columns, String, String, long, IntConsumer)} with the default columns. */
    public static List<Row> readAny(BufferedReader in, String column, String symbol, long limit) {
        return readAny(in, Columns.DEFAULT, column, symbol, limit, line -> { });
    }

    /** As {@link #readAny(BufferedReader, Columns, String, String, long, IntConsumer)} with the default columns. */
    public static List<Row> readAny(BufferedReader in, String column, String symbol, long limit, IntConsumer skipped) {
        return readAny(in, Columns.DEFAULT, column, symbol, limit, skipped);
    }

    /**
     * Reads either a tick CSV (a header with the {@code columns}) or a Yahoo-style OHLC CSV
     * ({@code Date,Open,High,Low,Close[,Adj Close],Volume}), told apart by the header. From an OHLC file
     * the {@code column} (case-insensitive, e.g. {@code Close}) becomes the value of {@code symbol};
     * rows whose value is empty or {@code null} (Yahoo's holidays) are skipped, and {@code skipped} told their line
     * numbers, so that nothing is dropped unreported.
     *
     * @param column the OHLC column to read (null: Close); ignored for tick CSV
     * @param symbol the symbol of an OHLC file (required for OHLC; ignored for tick CSV)
     * @param limit  stop after this many rows (≤ 0: all)
     * @throws IllegalArgumentException on an unknown header, a missing column or symbol, or a malformed row
     */
    public static List<Row> readAny(BufferedReader in, Columns columns, String column, String symbol, long limit,
                                    IntConsumer skipped) {
        Csv csv = Csv.open(in);
        Csv.Header h = csv.header();
        if (h == null) {
            return new ArrayList<>();
        }
        int[] at = indices(h, columns);
        List<String> missing = missing(columns, at);
        if (missing.isEmpty()) {
            return readTicks(new Rows(csv, at), limit);
        }
        if (h.names().size() < 2 || !h.startsWith("date")) {
            throw new IllegalArgumentException("unrecognised CSV header '" + h.line().text() + "': neither ticks (no column "
                    + String.join(", ", missing) + " of " + columns + ") nor OHLC ('Date,Open,High,Low,Close,...')");
        }
        int col = h.index(column == null ? "close" : column);
        if (col < 1) {
            throw new IllegalArgumentException("no column '" + column + "' in the OHLC header '" + h.line().text() + "'");
        }
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("an OHLC file has no symbol column: give --symbol NAME");
        }
        List<Row> rows = new ArrayList<>();
        for (Csv.Line l = csv.next(); l != null && (limit <= 0 || rows.size() < limit); l = csv.next()) {
            if (l.size() <= col) {
                throw new IllegalArgumentException("line " + l.number() + ": expected " + h.names().size()
                        + " fields, got " + l.size());
            }
            String v = l.cell(col);
            if (v.isEmpty() || v.equalsIgnoreCase("null") || v.equalsIgnoreCase("nan")) {
                skipped.accept(l.number());
                continue;
            }
            rows.add(new Row(l.number(), symbol, l.cell(0), v));
        }
        return rows;
    }

    private static int[] indices(Csv.Header h, Columns c) {
        return new int[] {h.index(c.symbol()), h.index(c.ts()), h.index(c.value())};
    }

    private static List<String> missing(Columns c, int[] at) {
        List<String> names = List.of(c.symbol(), c.ts(), c.value());
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            if (at[i] < 0) {
                missing.add("'" + names.get(i) + "'");
            }
        }
        return missing;
    }

    /** "no column 'ts' in the header 'symbol,time,value': a tick CSV needs the columns symbol,ts,value (...)" */
    private static String missingMessage(Csv.Header h, Columns c, List<String> missing) {
        return "no column " + String.join(", ", missing) + " in the header '" + h.line().text()
                + "': a tick CSV needs the columns " + c + " (in any order; --symbol-column, --ts-column and "
                + "--value-column name others)";
    }

    private static List<Row> readTicks(Rows in, long limit) {
        List<Row> rows = new ArrayList<>();
        for (Row r; (limit <= 0 || rows.size() < limit) && (r = in.next()) != null; ) {
            rows.add(r);
        }
        return rows;
    }

    static String quote(String s) {
        return io.tickcast.serde.Json.toString(s);
    }
}
