package io.tickcast.csv;

import java.io.BufferedReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Reads tick CSV ({@code symbol,ts,value} with a header; {@code ts} epoch ms or ISO-8601) into rows, and
 * Yahoo-style OHLC CSV as the ticks of one symbol. Values are kept as text: the tick contract, not this
 * reader, decides what is valid.
 */
public final class TickCsv {

    /** One CSV row, 1-based line number for messages. */
    public record Row(int line, String symbol, String ts, String value) {
        /** The tick as the JSON the {@code ticks} topic carries. */
        public String json() {
            String tsJson = ts.chars().allMatch(Character::isDigit) && !ts.isEmpty() ? ts : quote(ts);
            return "{\"symbol\":" + quote(symbol) + ",\"ts\":" + tsJson + ",\"value\":" + value + "}";
        }
    }

    private static final String[] TICK_HEADER = {"symbol", "ts", "value"};

    private TickCsv() {
    }

    /**
     * Tick CSV a row at a time, for inputs too long to hold ({@code backtest} over millions of rows): memory does not
     * grow with the file. Call {@link #rows}, then {@link #next} until it returns null; the caller closes the reader.
     */
    public static final class Rows {

        private final Csv csv;

        private Rows(Csv csv) {
            this.csv = csv;
        }

        /**
         * The next row, or null at the end.
         *
         * @throws IllegalArgumentException when the row has fewer than 3 fields
         */
        public Row next() {
            Csv.Line l = csv == null ? null : csv.next();
            if (l == null) {
                return null;
            }
            if (l.size() < TICK_HEADER.length) {
                throw new IllegalArgumentException("line " + l.number() + ": expected 3 fields, got " + l.size());
            }
            return new Row(l.number(), l.cell(0), l.cell(1), l.cell(2));
        }
    }

    /**
     * Reads the header of a tick CSV; an empty input has no rows.
     *
     * @throws IllegalArgumentException when the header is not {@code symbol,ts,value}
     */
    public static Rows rows(BufferedReader in) {
        Csv csv = Csv.open(in);
        if (csv.header() == null) {
            return new Rows(null);
        }
        if (!csv.header().startsWith(TICK_HEADER)) {
            throw new IllegalArgumentException("expected the header 'symbol,ts,value', got '" + csv.header().line().text() + "'");
        }
        return new Rows(csv);
    }

    /**
     * @param limit stop after this many rows (≤ 0: all)
     * @throws IllegalArgumentException when the header is not {@code symbol,ts,value} or a row has the wrong arity
     */
    public static List<Row> read(BufferedReader in, long limit) {
        return readTicks(rows(in), limit);
    }

    /**
     * Reads either a tick CSV ({@code symbol,ts,value}) or a Yahoo-style OHLC CSV
     * ({@code Date,Open,High,Low,Close[,Adj Close],Volume}), told apart by the header. From an OHLC file
     * the {@code column} (case-insensitive, e.g. {@code Close}) becomes the value of {@code symbol};
     * rows whose value is empty or {@code null} (Yahoo's holidays) are skipped.
     *
     * @param column the OHLC column to read (null: Close); ignored for tick CSV
     * @param symbol the symbol of an OHLC file (required for OHLC; ignored for tick CSV)
     * @param limit  stop after this many rows (≤ 0: all)
     * @throws IllegalArgumentException on an unknown header, a missing column or symbol, or a malformed row
     */
    public static List<Row> readAny(BufferedReader in, String column, String symbol, long limit) {
        return readAny(in, column, symbol, limit, line -> { });
    }

    /**
     * As {@link #readAny(BufferedReader, String, String, long)}, telling {@code skipped} the line number of
     * every OHLC row skipped for want of a value, so that nothing is dropped unreported.
     */
    public static List<Row> readAny(BufferedReader in, String column, String symbol, long limit, IntConsumer skipped) {
        Csv csv = Csv.open(in);
        Csv.Header h = csv.header();
        if (h == null) {
            return new ArrayList<>();
        }
        if (h.startsWith(TICK_HEADER)) {
            return readTicks(new Rows(csv), limit);
        }
        if (h.names().size() < 2 || !h.startsWith("date")) {
            throw new IllegalArgumentException("unrecognised CSV header '" + h.line().text()
                    + "': expected 'symbol,ts,value' (ticks) or 'Date,Open,High,Low,Close,...' (OHLC)");
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
