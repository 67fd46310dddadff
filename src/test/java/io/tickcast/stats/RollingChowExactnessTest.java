package io.tickcast.stats;

import static io.tickcast.stats.Golden.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The rolling detector against the fresh reference ({@link ChowTest}) on the same window, every
 * tick of a long random price stream: statistics within 1e-9 relative (p-values: 1e-9 relative
 * plus 1e-15 absolute, since 1 - cdf cannot resolve smaller p-values).
 */
class RollingChowExactnessTest {

    @Test
    void fixedWithInterceptMatchesFreshOlsEveryTick() {
        compareFixed(true, 120, 20_000, 11L);
    }

    @Test
    void fixedWithoutInterceptMatchesFreshOlsEveryTick() {
        compareFixed(false, 120, 20_000, 12L);
    }

    @Test
    void fixedSmallAndOddWindowsMatch() {
        compareFixed(true, 15, 3_000, 13L);
        compareFixed(false, 31, 3_000, 14L);
    }

    @Test
    void fixedLargeWindowMatches() {
        compareFixed(true, 1_000, 6_000, 15L);
        compareFixed(false, 1_000, 6_000, 16L);
    }

    @Test
    void scanMatchesFreshScanEveryTick() {
        compareScan(true, 60, 1_500, 21L);
        compareScan(false, 61, 1_500, 22L);
    }

    private static void compareFixed(boolean intercept, int window, int ticks, long seed) {
        int lags = 5;
        double[] s = Streams.prices(seed, ticks);
        RollingChow rc = new RollingChow(ChowConfig.builder().lags(lags).intercept(intercept).window(window).build());
        int compared = 0;
        for (int t = 0; t < ticks; t++) {
            ChowResult r = rc.update(t, s[t]);
            if (t + 1 < window + lags) {
                assertTrue(!r.defined(), "warm-up");
                continue;
            }
            LagDesign d = LagDesign.of(s, t + 1 - window, t + 1, lags, intercept);
            ChowTest.Result ref = ChowTest.test(d.x(), d.y(), window / 2, 0.05);
            assertEquals(ref.defined(), r.defined(), "defined at " + t);
            if (!ref.defined()) {
                continue;
            }
            String at = " at tick " + t;
            close(ref.f(), r.f(), 1e-9, 0, "F" + at);
            close(ref.pValue(), r.pValue(), 1e-9, 1e-15, "p" + at);
            close(ref.fCrit(), r.fCrit(), 1e-12, 0, "Fcrit" + at);
            assertEquals(window - 1 - window / 2, r.breakIndex());
            assertEquals(t + 1 - window + window / 2, r.breakTs());
            compared++;
        }
        assertEquals(ticks - window - lags + 1, compared, "every full window compared");
        assertEquals(0, rc.undefinedCount());
    }

    private static void compareScan(boolean intercept, int window, int ticks, long seed) {
        int lags = 5;
        double[] s = Streams.prices(seed, ticks);
        RollingChow rc = new RollingChow(ChowConfig.builder().lags(lags).intercept(intercept).window(window)
                .mode(ChowMode.SCAN).build());
        for (int t = 0; t < ticks; t++) {
            ChowResult r = rc.update(t, s[t]);
            if (t + 1 < window + lags) {
                continue;
            }
            LagDesign d = LagDesign.of(s, t + 1 - window, t + 1, lags, intercept);
            ChowTest.Scan ref = ChowTest.scan(d.x(), d.y(), 0.15);
            assertEquals(ref.defined(), r.defined(), "defined at " + t);
            String at = " at tick " + t;
            close(ref.supF(), r.f(), 1e-9, 0, "supF" + at);
            close(ref.pValue(), r.pValue(), 1e-9, 1e-15, "p" + at);
            assertEquals(window - 1 - ref.breakpoint(), r.breakIndex(), "break index" + at);
            assertEquals(t + 1 - window + ref.breakpoint(), r.breakTs(), "break ts" + at);
        }
    }
}
