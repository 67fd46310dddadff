package io.tickcast.stream;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.BreakSignal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Through the topology: a smooth curve's break alarms are dismissed by the bend check ({@code breaks.bend}), each one
 * a record on the breaks topic that says so ({@code chow.emit=all}: every tick's record) and one count of
 * {@code tickcast_breaks_dismissed_alarms_total}; with {@code breaks.bend=false} the same ticks give signals instead
 * and no dismissed alarm.
 */
class DismissedAlarmTopologyTest {

    /** Hourly values whose growth wanders slowly (200 + 60 sin(2πt/300)), a daily pattern ±30 and N(0, 8²) noise. */
    private static double[] smoothCurve(int n) {
        Random rnd = new Random(5);
        double[] y = new double[n];
        double level = 1e5;
        for (int t = 0; t < n; t++) {
            level += 200 + 60 * Math.sin(2 * Math.PI * t / 300) + 30 * Math.cos(2 * Math.PI * t / 24)
                    + 8 * rnd.nextGaussian();
            y[t] = level;
        }
        return y;
    }

    private record Run(int dismissedRecords, double dismissedCount, int signalRecords, double signalCount) {
    }

    private static Run run(boolean bend) {
        double[] y = smoothCurve(800);
        try (TopologyHarness h = new TopologyHarness(Map.of(TickcastConfig.CHOW_EMIT, "all",
                TickcastConfig.EXPERTS_LSTM, "false", TickcastConfig.BREAKS_BEND, Boolean.toString(bend)))) {
            for (int t = 0; t < y.length; t++) {
                h.tick("S", 1_700_000_000_000L + 3_600_000L * t, y[t]);
            }
            List<BreakSignal> records = h.readBreaks();
            int dismissed = 0;
            int signals = 0;
            for (BreakSignal b : records) {
                if (Boolean.TRUE.equals(b.dismissed())) {
                    dismissed++;
                    assertTrue(!b.signal() && b.statistic() > b.threshold(), b::toString);
                }
                signals += b.signal() ? 1 : 0;
            }
            return new Run(dismissed,
                    h.registry.get("tickcast.breaks.dismissed").tag("symbol", "S").counter().count(), signals,
                    h.registry.get("tickcast.breaks").tag("symbol", "S").counter().count());
        }
    }

    @Test
    void aSmoothCurvesAlarmsAreDismissedRecordsAndCounted() {
        Run with = run(true);
        Run without = run(false);
        assertTrue(with.dismissedRecords() >= 3, with.toString());
        assertEquals(with.dismissedRecords(), with.dismissedCount(), 0.0, "one count per dismissed record");
        assertEquals(with.signalRecords(), with.signalCount(), 0.0);
        assertEquals(0, without.dismissedRecords(), without.toString());
        assertEquals(0.0, without.dismissedCount(), without.toString());
        assertTrue(without.signalRecords() > with.signalRecords(), with + " against " + without);
    }
}
