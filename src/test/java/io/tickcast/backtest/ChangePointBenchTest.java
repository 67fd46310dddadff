package io.tickcast.backtest;

import io.tickcast.serde.BreakSignal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ChangePointBench}'s location of a signal and a series' figures from its signals. */
class ChangePointBenchTest {

    private static final long DAY = 86_400_000L;

    private static BreakSignal signal(long ts, Long breakTs) {
        return BreakSignal.builder("S", ts, "cusum").breakTs(breakTs).f(30.0).alpha(0.05).window(50).k(3).signal(true)
                .cusum(12.0).cusumCrit(8.7).statistic(12.0).threshold(8.7).build();
    }

    @Test
    void aSignalIsLocatedAtTheFirstObservationAtOrAfterItsEstimatedBreak() {
        long[] ts = new long[16];
        for (int i = 0; i < 10; i++) {
            ts[i] = i * DAY;
        }
        assertEquals(4, ChangePointBench.location(signal(9 * DAY, 4 * DAY), ts, 10));
        // Between two observations (a break dated by time, not by a tick): the next one.
        assertEquals(5, ChangePointBench.location(signal(9 * DAY, 4 * DAY + 1), ts, 10));
        assertEquals(0, ChangePointBench.location(signal(9 * DAY, -DAY), ts, 10));
        // Undated: at the signal's own tick.
        assertEquals(9, ChangePointBench.location(signal(9 * DAY, null), ts, 10));
        // Only the filled part of the array counts.
        assertEquals(10, ChangePointBench.location(signal(9 * DAY, 12 * DAY), ts, 10));
    }

    @Test
    void aSeriesFiguresAreItsDistinctLocationsInRangeAndTheSignalsDelays() {
        ChangePointBench.Inputs inputs = new ChangePointBench.Inputs(Map.of("S", Map.of("1", new int[] {50})), null,
                Map.of());
        List<int[]> signals = new ArrayList<>();
        signals.add(new int[] {55, 50}); // tick 55 dated 50: delay 5
        signals.add(new int[] {70, 50}); // the same change again: delay 20, one location
        signals.add(new int[] {99, 99}); // n − 1: outside [1, n − 2]
        signals.add(new int[] {90, 80}); // delay 10
        List<String> warnings = new ArrayList<>();
        ChangePointBench.SeriesResult r = ChangePointBench.score("S", 100, signals, inputs, warnings::add);
        assertEquals(4, r.signals());
        assertArrayEquals(new int[] {50, 80}, r.locations());
        assertEquals((5 + 20 + 0 + 10) / 4.0, r.meanDelay(), 1e-12);
        assertEquals(7.5, r.medianDelay(), 1e-12);
        assertEquals(ChangePointScore.of(List.of(new int[] {50}), new int[] {50, 80}, 100), r.tickcast());
        assertTrue(r.averaged(), "no catalog: every series");
        assertTrue(warnings.isEmpty());
    }
}
