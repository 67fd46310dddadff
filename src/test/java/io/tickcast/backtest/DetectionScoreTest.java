package io.tickcast.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Scoring break signals against ground truth record by record, against the list-based reference. */
class DetectionScoreTest {

    private static Forecast forecast(String symbol, long ts) {
        return new Forecast(symbol, ts, 1.0, List.of(new Forecast.Step(1, 1, 0, 2, 1, null)), "persistence", true, 1, 0,
                null, null, null, null, null, null);
    }

    private static BreakSignal signal(String symbol, long ts, Long breakTs) {
        return BreakSignal.chow(symbol, ts, breakTs, 9.0, 2.0, 1e-4, 0.05, 120, 6, "fixed", true);
    }

    private static Map<String, Object> summary(String... symbols) {
        Map<String, Object> per = new LinkedHashMap<>();
        for (String s : symbols) {
            per.put(s, new LinkedHashMap<String, Object>());
        }
        return new LinkedHashMap<>(Map.of("symbols", per));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detection(Map<String, Object> summary, String symbol) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) summary.get("symbols")).get(symbol))
                .get("detection");
    }

    @Test
    void aSignalWithinTheToleranceDetectsTheBreakAndTheOthersAreFalseAlarms() {
        // true break at tick 40 (ts 1400); signals at ticks 10, 43 (dated at tick 41) and 90
        DetectionScore score = new DetectionScore(List.of(new BreakTruth("A", 1400, "mean")), 20, 10);
        for (long t = 0; t < 100; t++) {
            long ts = 1000 + 10 * t;
            score.forecast(forecast("A", ts));
            if (t == 10 || t == 90) {
                score.breakRecord(signal("A", ts, null));
            } else if (t == 43) {
                score.breakRecord(signal("A", ts, 1410L));
            }
        }
        Map<String, Object> summary = summary("A");
        score.addTo(summary);
        Map<String, Object> d = detection(summary, "A");
        assertEquals(1, d.get("true_breaks"));
        assertEquals(1, d.get("detected"));
        assertEquals(List.of(3), d.get("delays"));
        assertEquals(3.0, d.get("mean_delay"));
        assertEquals(List.of(1), d.get("date_errors"));
        assertEquals(2, d.get("false_alarms"));
    }

    @Test
    void randomStreamsScoreAsTheListBasedReferenceDoes() {
        Random r = new Random(5);
        for (int run = 0; run < 200; run++) {
            int tolerance = 1 + r.nextInt(30);
            int lookback = 1 + r.nextInt(40);
            List<BreakTruth> truth = new ArrayList<>();
            List<Forecast> forecasts = new ArrayList<>();
            List<BreakSignal> signals = new ArrayList<>();
            // truths (overlapping windows, out of time order, one for a symbol that never ticks) first: they are read
            // before the run
            for (int i = 0; i < 4; i++) {
                truth.add(new BreakTruth(r.nextBoolean() ? "A" : "B", 1000 + 7L * r.nextInt(200), "mean"));
            }
            truth.add(new BreakTruth("C", 1500, "mean"));
            DetectionScore score = new DetectionScore(truth, tolerance, lookback);
            Map<String, long[]> ts = new LinkedHashMap<>(Map.of("A", new long[] {1000}, "B", new long[] {1003}));
            for (int i = 0; i < 400; i++) {
                String s = r.nextBoolean() ? "A" : "B";
                long now = ts.get(s)[0] += 1 + r.nextInt(13);
                Forecast f = forecast(s, now);
                forecasts.add(f);
                score.forecast(f);
                if (r.nextInt(6) == 0) {
                    // dated anywhere in the detector's window (the last `lookback` ticks), or undated
                    int back = r.nextInt(lookback);
                    List<Forecast> mine = forecasts.stream().filter(x -> x.symbol().equals(s)).toList();
                    Long dated = r.nextInt(4) == 0 || back >= mine.size() ? null : mine.get(mine.size() - 1 - back).ts();
                    BreakSignal b = signal(s, now, dated);
                    signals.add(b);
                    score.breakRecord(b);
                }
            }
            Map<String, Object> streamed = summary("A", "B", "C");
            score.addTo(streamed);
            Map<String, Object> reference = summary("A", "B", "C");
            ListReference.score(truth, signals, forecasts, tolerance, reference);
            assertEquals(reference, streamed, "run " + run);
            assertTrue(score.kept() <= truth.size() * (tolerance + 1), "run " + run + ": kept " + score.kept());
        }
    }
}
