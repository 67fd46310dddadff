package io.tickcast.stream;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Json;
import io.tickcast.serde.Outputs;
import io.tickcast.serde.SchemaCheck;
import io.tickcast.stats.ChowConfig;
import io.tickcast.stats.MonitorConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records the detectors write, on a series with a level shift: each one valid against
 * {@code schemas/break.schema.json}, finite, with the generic statistic and threshold of its mode; the summaries
 * ({@code /symbols/{symbol}}) under the same names.
 */
class BreakRecordsTest {

    private static List<BreakSignal> run(BreakDetector d, int n) {
        Random rnd = new Random(7);
        List<BreakSignal> out = new ArrayList<>();
        double x = 0;
        for (int t = 0; t < n; t++) {
            double mean = t < n / 2 ? 100 : 110;
            x = 0.3 * x + rnd.nextGaussian();
            out.add(d.update("S", 1_700_000_000_000L + 60_000L * t, mean + x, 1));
        }
        return out;
    }

    private static boolean near(Double v, double target) {
        return v != null && Math.abs(v - target) < 2;
    }

    private static void assertValid(BreakSignal b) {
        assertNull(Outputs.nonFinite(b), b::toString);
        String json = Json.toString(b);
        assertEquals("", SchemaCheck.errors("break", json), json);
    }

    /**
     * A smooth curve (a monthly count whose growth wanders slowly): its alarms are dismissed by the bend check, and
     * each such tick's record says so — valid, above its threshold, no signal, {@code dismissed} true, and the next
     * tick's statistic restarted below it; no other record carries the field. With {@code breaks.bend=false} the
     * same values give signals and no dismissed record.
     */
    @Test
    void anAlarmABendExplainsIsARecordThatSaysItWasDismissed() {
        Random rnd = new Random(3);
        double level = 1e5;
        double[] y = new double[800];
        for (int t = 0; t < y.length; t++) {
            level += 200 + 60 * Math.sin(2 * Math.PI * t / 300) + 30 * Math.cos(2 * Math.PI * t / 12)
                    + 8 * rnd.nextGaussian();
            y[t] = level;
        }
        int dismissed = 0;
        int signalsWithout = 0;
        BreakDetector d = new MonitorDetector.Kind(MonitorConfig.defaults(24)).create();
        BreakDetector off = new MonitorDetector.Kind(MonitorConfig.defaults(24).withBend(false)).create();
        BreakSignal previous = null;
        for (int t = 0; t < y.length; t++) {
            long ts = 1_700_000_000_000L + 2_592_000_000L * t;
            BreakSignal b = d.update("S", ts, y[t], 12);
            BreakSignal o = off.update("S", ts, y[t], 12);
            assertValid(b);
            assertNull(o.dismissed(), o::toString);
            signalsWithout += o.signal() ? 1 : 0;
            if (previous != null && Boolean.TRUE.equals(previous.dismissed())) {
                assertTrue(b.statistic() == null || b.statistic() < b.threshold(), "restarted: " + b);
            }
            if (b.dismissed() != null) {
                dismissed++;
                assertTrue(b.dismissed());
                assertTrue(!b.signal() && b.statistic() > b.threshold(), b::toString);
                assertTrue(Json.toString(b).endsWith(",\"dismissed\":true}"), Json.toString(b));
            } else {
                assertTrue(!Json.toString(b).contains("dismissed"), Json.toString(b));
            }
            previous = b;
        }
        assertTrue(dismissed >= 3, dismissed + " dismissed alarms");
        assertTrue(signalsWithout >= 3, signalsWithout + " signals without the bend check");
    }

    @Test
    void theMonitorsRecordsCarryStatisticThresholdAndOnASignalTheBreakAndScore() {
        MonitorDetector.Kind kind = new MonitorDetector.Kind(MonitorConfig.defaults(24));
        BreakDetector d = kind.create();
        List<BreakSignal> records = run(d, 400);
        int withStatistic = 0;
        int signals = 0;
        boolean shiftDescribed = false;
        for (BreakSignal b : records) {
            assertValid(b);
            assertEquals("cusum", b.mode());
            assertNotNull(b.threshold(), "a threshold at every tick: " + b);
            assertEquals(b.threshold(), b.cusumCrit(), "the old field, kept");
            assertEquals(b.statistic(), b.cusum(), "the old field, kept");
            assertNull(b.fCrit());
            assertNull(b.pValue());
            if (b.statistic() != null) {
                withStatistic++;
            }
            if (b.signal()) {
                signals++;
                assertNotNull(b.breakTs(), b::toString);
                assertNotNull(b.score(), b::toString);
                assertEquals(b.statistic() / b.threshold(), b.score(), 1e-12);
                assertNotNull(b.change(), b::toString);
                // the shift of the level, the persistence unchanged: the intercept's shift alone explains the split
                assertEquals("level", b.change().kind(), b::toString);
                assertNull(b.change().before().slope());
                if (near(b.change().before().level(), 100) && near(b.change().after().level(), 110)) {
                    shiftDescribed = true;
                    assertTrue(b.change().before().sd() > 0.5 && b.change().before().sd() < 2, b::toString);
                }
            } else {
                assertNull(b.breakTs());
                assertNull(b.score());
            }
        }
        assertTrue(signals >= 1, "the shift of 10 sd is signalled");
        assertTrue(shiftDescribed, "the level shift 100 → 110 in the signal's change: " + records.stream()
                .filter(BreakSignal::signal).toList());
        assertTrue(withStatistic > records.size() * 3 / 4, withStatistic + " of " + records.size());
        SymbolSnapshot.Detector s = d.summary();
        assertEquals("cusum", s.mode());
        assertEquals("Sequential CUSUM", s.name());
        assertNotNull(s.threshold());
        assertNotNull(s.breakTs());
        assertNull(s.fCrit());
        assertEquals(signals, s.signals());
        // the summary survives the store
        SymbolSnapshot.Detector restored = kind.restore(d.encode()).summary();
        assertEquals(s, restored);
    }

    /**
     * A 40-tick stream with a level shift at tick 20 (inside the regime's first rows, which the CUSUM does not watch):
     * the start test's signal says so — a level change dated near 20, its F as the statistic, the critical value as
     * the threshold, the score their ratio, the levels before and after — and the record is valid and finite.
     */
    @Test
    void aShortStreamsShiftIsSignalledByTheStartTestAsALevelChange() {
        BreakDetector d = new MonitorDetector.Kind(MonitorConfig.defaults(24)).create();
        Random rnd = new Random(3);
        List<BreakSignal> signals = new ArrayList<>();
        for (int t = 0; t < 40; t++) {
            BreakSignal b = d.update("S", 1_700_000_000_000L + 60_000L * t, (t < 20 ? 50 : 56) + rnd.nextGaussian(), 1);
            assertValid(b);
            if (b.signal()) {
                signals.add(b);
            }
        }
        assertEquals(1, signals.size(), signals::toString);
        BreakSignal b = signals.get(0);
        assertEquals("level", b.change().kind(), b::toString);
        assertTrue(Math.abs(b.breakTs() - (1_700_000_000_000L + 60_000L * 20)) <= 3 * 60_000L, b::toString);
        assertTrue(b.score() > 1 && b.statistic() > b.threshold(), b::toString);
        assertTrue(near(b.change().before().level(), 50) && near(b.change().after().level(), 56), b::toString);
    }

    @Test
    void theChowTestsRecordsCarryFAsStatisticAndItsCriticalValueAsThreshold() {
        ChowConfig cfg = ChowConfig.defaults();
        BreakDetector d = new ChowDetector.Kind(cfg).create();
        List<BreakSignal> records = run(d, 400);
        int signals = 0;
        for (BreakSignal b : records) {
            assertValid(b);
            assertEquals(b.f(), b.statistic());
            assertEquals(b.fCrit(), b.threshold());
            if (b.signal()) {
                signals++;
                assertNotNull(b.score());
            }
        }
        assertTrue(signals >= 1);
        assertNotNull(records.get(records.size() - 1).threshold());
        SymbolSnapshot.Detector s = d.summary();
        assertEquals(s.f(), s.statistic());
        assertEquals(s.fCrit(), s.threshold());
        assertTrue(s.name().startsWith("Chow test"), s.name());
    }
}
