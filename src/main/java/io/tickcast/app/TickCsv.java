package io.tickcast.app;

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
        List<Row> rows = new ArrayList<>();
        try {
            String header = in.readLine();
            if (header == null) {
                return rows;
            }
            String[] h = header.trim().toLowerCase(Locale.ROOT).split(",");
            if (h.length < 3 || !h[0].equals("symbol") || !h[1].equals("ts") || !h[2].equals("value")) {
                throw new IllegalArgumentException("expected the header 'symbol,ts,value', got '" + header + "'");
            }
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String quote(String s) {
        return io.tickcast.serde.Json.toString(s);
    }
}
