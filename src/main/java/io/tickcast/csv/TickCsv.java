package io.tickcast.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads tick CSV ({@code symbol,ts,value} with a header; {@code ts} epoch ms or ISO-8601) into rows.
 * Values are kept as text: the tick contract, not this reader, decides what is valid.
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

    private TickCsv() {
    }

    /**
     * @param limit stop after this many rows (≤ 0: all)
     * @throws IllegalArgumentException when the header is not {@code symbol,ts,value} or a row has the wrong arity
     */
    public static List<Row> read(BufferedReader in, long limit) {
        try {
            String header = in.readLine();
            if (header == null) {
                return new ArrayList<>();
            }
            if (!isTickHeader(header)) {
                throw new IllegalArgumentException("expected the header 'symbol,ts,value', got '" + header + "'");
            }
            return readTicks(in, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    public static List<Row> readAny(BufferedReader in, String column, String symbol, long limit,
                                    java.util.function.IntConsumer skipped) {
        try {
            String header = in.readLine();
            if (header == null) {
                return new ArrayList<>();
            }
            if (isTickHeader(header)) {
                return readTicks(in, limit);
            }
            String[] h = splitHeader(header);
            if (h.length < 2 || !h[0].equals("date")) {
                throw new IllegalArgumentException("unrecognised CSV header '" + header
                        + "': expected 'symbol,ts,value' (ticks) or 'Date,Open,High,Low,Close,...' (OHLC)");
            }
            String want = (column == null ? "close" : column.trim().toLowerCase(Locale.ROOT));
            int col = -1;
            for (int i = 1; i < h.length; i++) {
                if (h[i].equals(want)) {
                    col = i;
                }
            }
            if (col < 0) {
                throw new IllegalArgumentException("no column '" + column + "' in the OHLC header '" + header + "'");
            }
            if (symbol == null || symbol.isBlank()) {
                throw new IllegalArgumentException("an OHLC file has no symbol column: give --symbol NAME");
            }
            List<Row> rows = new ArrayList<>();
            String line;
            int no = 1;
            while ((line = in.readLine()) != null && (limit <= 0 || rows.size() < limit)) {
                no++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length <= col) {
                    throw new IllegalArgumentException("line " + no + ": expected " + h.length + " fields, got " + f.length);
                }
                String v = f[col].trim();
                if (v.isEmpty() || v.equalsIgnoreCase("null") || v.equalsIgnoreCase("nan")) {
                    skipped.accept(no);
                    continue;
                }
                rows.add(new Row(no, symbol, f[0].trim(), v));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] splitHeader(String header) {
        String[] h = header.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT).split(",");
        for (int i = 0; i < h.length; i++) {
            h[i] = h[i].trim().replace("\"", "");
        }
        return h;
    }

    private static boolean isTickHeader(String header) {
        String[] h = splitHeader(header);
        return h.length >= 3 && h[0].equals("symbol") && h[1].equals("ts") && h[2].equals("value");
    }

    private static List<Row> readTicks(BufferedReader in, long limit) throws IOException {
        List<Row> rows = new ArrayList<>();
        String line;
        int no = 1;
        while ((line = in.readLine()) != null && (limit <= 0 || rows.size() < limit)) {
            no++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 3) {
                throw new IllegalArgumentException("line " + no + ": expected 3 fields, got " + f.length);
            }
            rows.add(new Row(no, f[0].trim(), f[1].trim(), f[2].trim()));
        }
        return rows;
    }

    static String quote(String s) {
        return io.tickcast.serde.Json.toString(s);
    }
}
