package io.tickcast.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RollingChowTest {

    private static ChowConfig.Builder cfg() {
        return ChowConfig.builder();
    }

    @Test
    void undefinedDuringWarmUpWithoutCounting() {
        RollingChow rc = new RollingChow(ChowConfig.defaults());
        double[] s = Streams.ar1(1, 125, 100, 0.5, 1);
        for (int t = 0; t < 124; t++) {
            ChowResult r = rc.update(t, s[t]);
            assertFalse(r.defined());
            assertEquals(Math.max(0, t + 1 - 5), r.n());
        }
        ChowResult r = rc.update(124, s[124]);
        assertTrue(r.defined());
        assertEquals(120, r.n());
        assertEquals(6, r.k());
        assertEquals(0, rc.undefinedCount());
    }

    @Test
    void constantSeriesIsUndefinedAndCounted() {
        for (ChowMode mode : ChowMode.values()) {
            for (boolean intercept : new boolean[] {true, false}) {
                RollingChow rc = new RollingChow(cfg().mode(mode).intercept(intercept).window(40).build());
                int defined = 0;
                for (int t = 0; t < 200; t++) {
                    ChowResult r = rc.update(t, 4321.25);
                    defined += r.defined() ? 1 : 0;
                    assertFalse(r.signal());
                    assertTrue(Double.isNaN(r.f()));
                }
                assertEquals(0, defined, mode + " intercept=" + intercept);
                assertEquals(200 - 40 - 5 + 1, rc.undefinedCount(), mode + " intercept=" + intercept);
            }
        }
    }

    @Test
    void windowTooSmallForTheRegressorsIsUndefinedAndCounted() {
        // k = 6: segments need k + 1 = 7 pairs, so window 13 (6 + 7) cannot be tested; n <= 2k too.
        for (int window : new int[] {1, 6, 12, 13}) {
            RollingChow rc = new RollingChow(cfg().window(window).build());
            double[] s = Streams.ar1(2, 100, 50, 0.3, 1);
            for (int t = 0; t < s.length; t++) {
                assertFalse(rc.update(t, s[t]).defined());
            }
            assertEquals(s.length - window - 5 + 1, rc.undefinedCount(), "window " + window);
        }
        RollingChow ok = new RollingChow(cfg().window(14).build());
        double[] s = Streams.ar1(2, 100, 50, 0.3, 1);
        ChowResult last = null;
        for (int t = 0; t < s.length; t++) {
            last = ok.update(t, s[t]);
        }
        assertTrue(last.defined(), "window 14 = 2 x 7 is testable");
    }

    @Test
    void degenerateStretchInsideAStreamRecovers() {
        double[] s = Streams.ar1(3, 600, 2500, 0.5, 2);
        Arrays.fill(s, 200, 400, 2500.5);
        for (ChowMode mode : ChowMode.values()) {
            RollingChow rc = new RollingChow(cfg().mode(mode).window(60).build());
            ChowResult last = null;
            for (int t = 0; t < s.length; t++) {
                last = rc.update(t, s[t]);
            }
            assertTrue(last.defined(), mode + " recovers after the constant stretch");
            assertTrue(rc.undefinedCount() > 0, mode + " counted the constant windows");
        }
    }

    @Test
    void nonFiniteValueIsUndefinedUntilItLeavesTheWindow() {
        double[] s = Streams.prices(4, 1_000);
        s[500] = Double.NaN;
        s[700] = Double.POSITIVE_INFINITY;
        for (ChowMode mode : ChowMode.values()) {
            RollingChow rc = new RollingChow(cfg().mode(mode).window(60).build());
            for (int t = 0; t < s.length; t++) {
                ChowResult r = rc.update(t, s[t]);
                boolean inWindow = (t >= 500 && t < 500 + 65) || (t >= 700 && t < 700 + 65);
                assertEquals(t >= 64 && !inWindow, r.defined(), mode + " tick " + t);
                if (r.defined() && mode == ChowMode.FIXED) {
                    LagDesign d = LagDesign.of(s, t + 1 - 60, t + 1, 5, true);
                    Golden.close(ChowTest.test(d.x(), d.y(), 30, 0.05).f(), r.f(), 1e-9, 0, "F at " + t);
                }
            }
            assertEquals(2 * 65, rc.undefinedCount(), mode.toString());
        }
    }

    @Test
    void stateRoundTripContinuesBitIdentically() {
        double[] s = Streams.prices(5, 3_000);
        s[1500] = Double.NaN; // the restored detector must also know a NaN is inside its window
        for (ChowMode mode : ChowMode.values()) {
            for (boolean intercept : new boolean[] {true, false}) {
                ChowConfig c = cfg().mode(mode).intercept(intercept).window(50).build();
                RollingChow a = new RollingChow(c);
                for (int cut : new int[] {0, 3, 30, 57, 1234, 1510}) {
                    RollingChow ref = new RollingChow(c);
                    RollingChow b = new RollingChow(c);
                    for (int t = 0; t < cut; t++) {
                        ref.update(t, s[t]);
                        b.update(t, s[t]);
                    }
                    RollingChow restored = RollingChow.fromBytes(b.toBytes());
                    assertArrayEquals(b.toBytes(), restored.toBytes());
                    for (int t = cut; t < s.length; t++) {
                        ChowResult x = ref.update(t, s[t]);
                        ChowResult y = restored.update(t, s[t]);
                        assertEquals(x, y, mode + " cut " + cut + " tick " + t); // record equals: bitwise doubles
                    }
                    assertEquals(ref.signals(), restored.signals());
                    assertEquals(ref.undefinedCount(), restored.undefinedCount());
                    assertArrayEquals(ref.toBytes(), restored.toBytes());
                }
                assertEquals(c, RollingChow.fromBytes(a.toBytes()).config());
            }
        }
    }

    @Test
    void corruptStateIsRejected() {
        byte[] good = new RollingChow(ChowConfig.defaults()).toBytes();
        byte[] badMode = good.clone();
        badMode[9] = 7; // after lags, intercept, window
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RollingChow.fromBytes(badMode))
                .getMessage().contains("bad mode ordinal 7"));
        assertThrows(IllegalArgumentException.class, () -> RollingChow.fromBytes(Arrays.copyOf(good, 20)));
        assertThrows(IllegalArgumentException.class, () -> RollingChow.fromBytes(Arrays.copyOf(good, good.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> RollingChow.fromBytes(null));
    }

    @Test
    void meanShiftIsLocatedWithinAFewObservations() {
        // i.i.d. noise (sd 1) around 3000 with a +3 shift at t = 1000; lags 5 with intercept.
        double[] s = Streams.ar1(7, 1_200, 3000, 0.0, 1.0);
        for (int t = 1000; t < s.length; t++) {
            s[t] += 3;
        }
        RollingChow scan = new RollingChow(cfg().mode(ChowMode.SCAN).build());
        RollingChow fixed = new RollingChow(cfg().build());
        ChowResult atMiddle = null;
        // first signal at or after the shift (the null part may raise its own false alarms)
        long firstScanSignal = -1;
        long firstFixedSignal = -1;
        for (int t = 0; t < s.length; t++) {
            ChowResult r = scan.update(t, s[t]);
            ChowResult f = fixed.update(t, s[t]);
            if (r.signal() && firstScanSignal < 0 && t >= 1000) {
                firstScanSignal = t;
            }
            if (f.signal() && firstFixedSignal < 0 && t >= 1000) {
                firstFixedSignal = t;
            }
            if (t == 1060) {
                atMiddle = r;
            }
        }
        assertTrue(atMiddle.pValue() < 1e-6, "sup-F p at the middle " + atMiddle.pValue());
        assertTrue(Math.abs(atMiddle.breakTs() - 1000) <= 3, "estimated break ts " + atMiddle.breakTs());
        assertEquals(atMiddle.breakIndex(), 1060 - atMiddle.breakTs());
        assertTrue(firstScanSignal >= 1000 && firstScanSignal <= 1040, "SCAN detection at " + firstScanSignal);
        assertTrue(firstFixedSignal >= 1000 && firstFixedSignal <= 1060, "FIXED detection at " + firstFixedSignal);
    }

    @Test
    void oneBreakGivesOneSignal() {
        double[] s = Streams.ar1(8, 3_000, 3000, 0.3, 1.0);
        for (int t = 1500; t < s.length; t++) {
            s[t] += 4;
        }
        for (ChowMode mode : ChowMode.values()) {
            RollingChow rc = new RollingChow(cfg().mode(mode).alpha(1e-4).build());
            int near = 0;
            for (int t = 0; t < s.length; t++) {
                if (rc.update(t, s[t]).signal() && t >= 1500 && t < 1500 + 120) {
                    near++;
                }
            }
            assertEquals(1, near, mode + ": signals while the break crosses the window");
        }
    }

    @Test
    void nullFalseAlarmRateIsBounded() {
        // AR(1), phi 0.5, no break. Measured (docs/chow.md): see ChowCalibration.
        double[] s = Streams.ar1(9, 60_000, 4000, 0.5, 2.0);
        for (ChowMode mode : ChowMode.values()) {
            RollingChow rc = new RollingChow(cfg().mode(mode).build());
            for (int t = 0; t < s.length; t++) {
                rc.update(t, s[t]);
            }
            double perThousand = 1000.0 * rc.signals() / s.length;
            assertTrue(perThousand > 0.0 && perThousand < 8.0, mode + " signals per 1000 ticks " + perThousand);
        }
    }
}
