package io.tickcast.http;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryRingTest {

    @Test
    void keepsTheLatestTicksOldestFirstWithTheForecastMadeAtTheTickBefore() {
        HistoryRing ring = new HistoryRing(4);
        double[] values = {10, 12, 11, 15, 14, 13};
        for (int t = 0; t < values.length; t++) {
            ring.add(Records.forecast("X", 1000L * (t + 1), values[t]));
        }
        Map<String, Object> json = ring.toJson(100);
        Map<String, List<?>> points = points(json);
        assertEquals(List.of(3000L, 4000L, 5000L, 6000L), points.get("ts"), "the last 4 of 6, oldest first");
        assertEquals(List.of(11.0, 15.0, 14.0, 13.0), points.get("value"));
        // The one-step forecast for tick t was made at tick t-1 (value + 0.5, interval value - 1.5 .. value + 2.5);
        // the tick before the oldest point kept has left the ring, so that point has none.
        assertEquals(Arrays.asList(null, 11.5, 15.5, 14.5), points.get("forecast"));
        assertEquals(Arrays.asList(null, 9.5, 13.5, 12.5), points.get("lower"));
        assertEquals(Arrays.asList(null, 13.5, 17.5, 16.5), points.get("upper"));
        assertEquals(4, json.get("capacity"));
        assertEquals(6000L, ((Forecast) json.get("latest")).ts());
    }

    @Test
    void marksTheTicksFlaggedAsAnomalies() {
        HistoryRing ring = new HistoryRing(4);
        for (int t = 1; t <= 5; t++) {
            Forecast f = Records.forecast("X", t, 100 + t);
            ring.add(new Forecast(f.symbol(), f.ts(), f.value(), f.steps(), f.source(), f.warmup(), f.ticks(), f.updates(),
                    f.trainLoss(), f.score(), f.period(), f.experts(), f.gain(),
                    t == 1 ? null : new Forecast.Anomaly(t == 4 ? 0.0099 : 0.5, t == 4)));
        }
        assertEquals(List.of(false, false, true, false), points(ring.toJson(10)).get("anomaly"));
    }

    @Test
    void aShorterWindowStillHasTheForecastMadeAtTheTickBeforeIt() {
        HistoryRing ring = new HistoryRing(8);
        for (int t = 1; t <= 5; t++) {
            ring.add(Records.forecast("X", t, 100 + t));
        }
        Map<String, List<?>> points = points(ring.toJson(2));
        assertEquals(List.of(4L, 5L), points.get("ts"));
        assertEquals(List.of(103.5, 104.5), points.get("forecast"), "made at ticks 3 and 4");
    }

    @Test
    void aRecordNotNewerThanTheLatestIsAReplayAndIgnored() {
        HistoryRing ring = new HistoryRing(4);
        assertTrue(ring.add(Records.forecast("X", 10, 1)));
        assertTrue(ring.add(Records.forecast("X", 20, 2)));
        assertFalse(ring.add(Records.forecast("X", 20, 2)), "the same tick again (an aborted transaction's replay)");
        assertFalse(ring.add(Records.forecast("X", 15, 9)), "an older tick");
        assertEquals(2, ring.size());
        assertEquals(List.of(1.0, 2.0), points(ring.toJson(10)).get("value"));
    }

    @Test
    void eachExpertHasAWeightColumnThatIsNullWhileItSleeps() {
        HistoryRing ring = new HistoryRing(4);
        ring.add(Records.forecast("X", 1, 1, null)); // warm-up: no experts
        ring.add(Records.forecast("X", 2, 1, Map.of("persistence", 1.0)));
        ring.add(Records.forecast("X", 3, 1, Map.of("persistence", 0.25, "holt", 0.75)));
        ring.add(Records.forecast("X", 4, 1, Map.of("holt", 1.0))); // persistence asleep again
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> experts = (Map<String, List<Double>>) ring.toJson(4).get("experts");
        assertEquals(Arrays.asList(null, 1.0, 0.25, null), experts.get("persistence"));
        assertEquals(Arrays.asList(null, null, 0.75, 1.0), experts.get("holt"));
        // Overwriting the oldest slot clears the weights of experts that are not in the new record.
        ring.add(Records.forecast("X", 5, 1, Map.of("lstm", 1.0)));
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> later = (Map<String, List<Double>>) ring.toJson(4).get("experts");
        assertEquals(Arrays.asList(1.0, 0.25, null, null), later.get("persistence"));
        assertEquals(Arrays.asList(null, null, null, 1.0), later.get("lstm"));
    }

    @Test
    void weightColumnsAreCappedInNumber() {
        HistoryRing ring = new HistoryRing(2);
        Map<String, Double> many = new LinkedHashMap<>();
        for (int i = 0; i < HistoryRing.EXPERTS + 5; i++) {
            many.put("e" + i, 1.0 / (HistoryRing.EXPERTS + 5));
        }
        ring.add(Records.forecast("X", 1, 1, many));
        assertEquals(HistoryRing.EXPERTS, ((Map<?, ?>) ring.toJson(2).get("experts")).size());
    }

    @Test
    void keepsTheLatestBreakSignalsOnly() {
        HistoryRing ring = new HistoryRing(4);
        assertFalse(ring.addBreak(Records.breakSignal("X", 5, false)), "a statistic without a signal");
        List<Long> signalled = new ArrayList<>();
        for (int i = 1; i <= HistoryRing.BREAKS + 3; i++) {
            assertTrue(ring.addBreak(Records.breakSignal("X", 100L * i, true)));
            signalled.add(100L * i);
        }
        assertFalse(ring.addBreak(Records.breakSignal("X", 100L * (HistoryRing.BREAKS + 3), true)), "a replay");
        @SuppressWarnings("unchecked")
        List<BreakSignal> breaks = (List<BreakSignal>) ring.toJson(4).get("breaks");
        assertEquals(signalled.subList(3, signalled.size()), breaks.stream().map(BreakSignal::ts).toList());
    }

    @Test
    void itsMemoryIsTheDocumentedColumnsPlusTheRecords() {
        int capacity = 256;
        int experts = 15;
        HistoryRing ring = new HistoryRing(capacity);
        long empty = ring.bytes();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (int i = 0; i < experts; i++) {
            weights.put("e" + i, 1.0 / experts);
        }
        for (int t = 1; t <= 3 * capacity; t++) {
            ring.add(Records.forecast("X", t, t, weights));
            ring.addBreak(Records.breakSignal("X", t, t % 7 == 0));
        }
        long full = ring.bytes();
        long columns = capacity * (40L + 4L * experts);
        assertTrue(empty >= capacity * 40L, "the value columns are allocated up front: " + empty);
        assertTrue(full >= columns && full <= columns + 12_000, "about 25 KB for 256 ticks and 15 experts: " + full);
        assertEquals(capacity, ring.size());
    }

    @Test
    void beforeTheFirstTickThereIsNothing() {
        HistoryRing ring = new HistoryRing(3);
        Map<String, Object> json = ring.toJson(3);
        assertEquals(List.of(), points(json).get("ts"));
        assertNull(json.get("latest"));
        assertThrows(IllegalArgumentException.class, () -> new HistoryRing(1));
    }

    @Test
    void theLatestRecordIsTheOneAdded() {
        HistoryRing ring = new HistoryRing(3);
        Forecast f = Records.forecast("X", 7, 3);
        ring.add(f);
        assertSame(f, ring.latest());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<?>> points(Map<String, Object> json) {
        return (Map<String, List<?>>) json.get("points");
    }
}
