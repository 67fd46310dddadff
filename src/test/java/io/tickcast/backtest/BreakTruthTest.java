package io.tickcast.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ground truth: reading it, and scoring signals against it in ticks. */
class BreakTruthTest {

    private static Forecast forecast(String symbol, long ts) {
        return new Forecast(symbol, ts, 1.0, List.of(new Forecast.Step(1, 1, 0, 2, 1)), "persistence", true, 1, 0,
                null, null, null, null, null);
    }

    private static BreakSignal signal(String symbol, long ts) {
        return BreakSignal.chow(symbol, ts, ts - 1, 9.0, 2.0, 1e-4, 0.05, 120, 6, "fixed", true);
    }

    @Test
    void aSignalWithinTheToleranceDetectsTheBreakAndTheOthersAreFalseAlarms() {
        List<Forecast> forecasts = new ArrayList<>();
        for (long t = 0; t < 100; t++) {
            forecasts.add(forecast("A", 1000 + 10 * t));
        }
        // true break at tick 40 (ts 1400); signals at ticks 10, 43 and 90
        List<BreakSignal> signals = List.of(signal("A", 1100), signal("A", 1430), signal("A", 1900));
        Map<String, Object> a = new LinkedHashMap<>();
        Map<String, Object> summary = new LinkedHashMap<>(Map.of("symbols", new LinkedHashMap<>(Map.of("A", a))));
        BreakTruth.score(List.of(new BreakTruth("A", 1400, "mean")), signals, forecasts, 20, summary);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) a.get("detection");
        assertEquals(1, d.get("true_breaks"));
        assertEquals(1, d.get("detected"));
        assertEquals(List.of(3), d.get("delays"));
        assertEquals(3.0, d.get("mean_delay"));
        assertEquals(2, d.get("false_alarms"));
    }

    @Test
    void readsTheColumnsByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("truth.csv");
        Files.writeString(f, "symbol,ts,kind,size,tick_index\nSYN001,2024-01-01T00:01:00Z,ar,0.9,1\n\n");
        assertEquals(List.of(new BreakTruth("SYN001", 1_704_067_260_000L, "ar")), BreakTruth.read(f));
        Files.writeString(f, "kind,ts,symbol\nmean,1000,A\n");
        assertEquals(List.of(new BreakTruth("A", 1000, "mean")), BreakTruth.read(f));
        Files.writeString(f, "symbol,time\nA,1\n");
        assertThrows(IllegalArgumentException.class, () -> BreakTruth.read(f));
    }
}
