package io.tickcast.backtest;

import io.tickcast.csv.Csv;
import io.tickcast.serde.TickParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A true structural break of the ground truth ({@code symbol,ts[,kind]} CSV, as {@code generate} writes it), against
 * which {@link DetectionScore} scores the break signals.
 */
public record BreakTruth(String symbol, long ts, String kind) {

    /** Reads a ground truth file: columns {@code symbol} and {@code ts}, optionally {@code kind}, in any order. */
    public static List<BreakTruth> read(Path file) throws IOException {
        List<BreakTruth> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            Csv csv = Csv.open(r);
            Csv.Header h = csv.header();
            if (h == null || h.index("symbol") < 0 || h.index("ts") < 0) {
                throw new IllegalArgumentException(file + ": expected the header 'symbol,ts[,kind...]'");
            }
            int symbol = h.index("symbol");
            int ts = h.index("ts");
            int kind = h.index("kind");
            for (Csv.Line l = csv.next(); l != null; l = csv.next()) {
                out.add(new BreakTruth(l.cell(symbol), TickParser.parseTimestamp(l.cell(ts)),
                        kind >= 0 && kind < l.size() ? l.cell(kind) : ""));
            }
        }
        return out;
    }
}
