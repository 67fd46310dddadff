package io.tickcast.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.serde.Forecast;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The summary table: backtest's columns unchanged, demo's "dated" and "truth" columns when a truth is given. */
class ScoreBoardTableTest {

    private static Forecast forecast(String symbol, long ts, double value) {
        return new Forecast(symbol, ts, value, List.of(new Forecast.Step(1, value, value - 1, value + 1, value, null)),
                "hw", false, 1, 0, null, null, 24, Map.of("hw", 0.5), 1.0, null);
    }

    @Test
    void theTruthAddsTheBreaksDateAndTheTruth() {
        ScoreBoard b = new ScoreBoard();
        long hour = 3_600_000L;
        long day = 24 * hour;
        b.forecast(forecast("level_break", day, 1));
        b.forecast(forecast("level_break", day + hour, 2));
        b.breakSignal("level_break", 50 * day); // at midnight, but the symbol ticks hourly: with its time
        b.forecast(forecast("DAX", day, 1));
        b.breakSignal("DAX", 2 * day);
        String plain = b.table();
        assertFalse(plain.contains("truth") || plain.contains("dated"), plain);
        assertTrue(plain.startsWith("symbol     "), plain);

        String[] lines = b.table(Map.of("level_break", "level +5 sd")).split("\\R");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("symbol     ") && lines[0].endsWith(" dated             truth"), lines[0]);
        assertTrue(lines[1].startsWith("DAX ") && lines[1].endsWith(" 1970-01-03        -"), lines[1]);
        assertTrue(lines[2].startsWith("level_break ") && lines[2].endsWith(" 1970-02-20T00:00Z level +5 sd"), lines[2]);
        assertEquals(lines[0].length() - "truth".length(), lines[2].length() - "level +5 sd".length(),
                "columns aligned:\n" + lines[0] + "\n" + lines[2]);
    }
}
