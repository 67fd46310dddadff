package io.tickcast.stats;

import static io.tickcast.stats.Golden.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares the Java statistics with R: strucchange's {@code Fstats} / {@code sctest(type = "supF")}
 * and lm()-based Chow tests. Golden files are produced by {@code make_reference.R} in the test
 * resources (run it with Rscript to regenerate).
 */
class StrucchangeReferenceTest {

    private static final int LAGS = 5;

    private static LagDesign design(boolean intercept) {
        double[] s = Golden.series();
        return LagDesign.of(s, LAGS, s.length, LAGS, intercept);
    }

    @Test
    void fstatsAtEveryBreakpointMatchStrucchange() {
        for (boolean intercept : new boolean[] {true, false}) {
            LagDesign d = design(intercept);
            ChowTest.Scan scan = ChowTest.scan(d.x(), d.y(), 0.15);
            List<String[]> rows = Golden.rows("fstats.csv").stream()
                    .filter(r -> Boolean.parseBoolean(r[0]) == intercept).toList();
            assertEquals(rows.size(), scan.fstats().length, "number of breakpoints");
            for (String[] r : rows) {
                int bp = Integer.parseInt(r[1]);
                close(Double.parseDouble(r[2]), scan.fstats()[bp - scan.from()], 1e-9, 0, "F at " + bp);
            }
        }
    }

    @Test
    void supFBreakpointAndPValueMatchSctest() {
        for (String[] r : Golden.rows("summary.csv")) {
            boolean intercept = Boolean.parseBoolean(r[0]);
            LagDesign d = design(intercept);
            ChowTest.Scan scan = ChowTest.scan(d.x(), d.y(), 0.15);
            assertEquals(Integer.parseInt(r[1]), d.y().length, "n");
            assertEquals(Integer.parseInt(r[3]), scan.from(), "from");
            assertEquals(Integer.parseInt(r[4]), scan.to(), "to");
            close(Double.parseDouble(r[5]), scan.lambda(), 1e-15, 0, "lambda");
            close(Double.parseDouble(r[6]), scan.supF(), 1e-9, 0, "supF");
            assertEquals(Integer.parseInt(r[7]), scan.breakpoint(), "breakpoint");
            close(Double.parseDouble(r[8]), scan.pValue(), 1e-9, 1e-14, "supF p-value");
        }
    }

    @Test
    void fixedChowMatchesLmAndPf() {
        for (String[] r : Golden.rows("summary.csv")) {
            LagDesign d = design(Boolean.parseBoolean(r[0]));
            ChowTest.Result res = ChowTest.test(d.x(), d.y(), Integer.parseInt(r[9]), 0.05);
            close(Double.parseDouble(r[10]), res.rss(), 1e-10, 0, "rss");
            close(Double.parseDouble(r[11]), res.rss1(), 1e-10, 0, "rss1");
            close(Double.parseDouble(r[12]), res.rss2(), 1e-10, 0, "rss2");
            close(Double.parseDouble(r[13]), res.f(), 1e-9, 0, "F");
            close(Double.parseDouble(r[14]), res.fCrit(), 1e-10, 0, "Fcrit (qf)");
            close(Double.parseDouble(r[15]), res.pValue(), 1e-9, 1e-15, "p (pf)");
            assertEquals(Integer.parseInt(r[2]), res.df1());
            assertEquals(Integer.parseInt(r[1]) - 2 * Integer.parseInt(r[2]), res.df2());
        }
    }

    @Test
    void rollingDetectorMatchesStrucchangeOnSlidingWindows() {
        double[] s = Golden.series();
        for (String[] r : Golden.rows("windows.csv")) {
            boolean intercept = Boolean.parseBoolean(r[0]);
            int end = Integer.parseInt(r[1]); // 1-based index of the newest value
            ChowResult fixed = runTo(s, end, intercept, ChowMode.FIXED);
            ChowResult scan = runTo(s, end, intercept, ChowMode.SCAN);
            assertTrue(fixed.defined() && scan.defined(), "defined at " + end);
            close(Double.parseDouble(r[5]), fixed.f(), 1e-9, 0, "FIXED F at " + end);
            close(Double.parseDouble(r[6]), fixed.pValue(), 1e-9, 1e-15, "FIXED p at " + end);
            close(Double.parseDouble(r[2]), scan.f(), 1e-9, 0, "supF at " + end);
            close(Double.parseDouble(r[4]), scan.pValue(), 1e-9, 1e-14, "supF p at " + end);
            int bp = Integer.parseInt(r[3]); // observations before the break, in the window
            assertEquals(120 - 1 - bp, scan.breakIndex(), "break index at " + end);
            // ts = 1-based index of the value; the first pair's response is value end - 119.
            assertEquals(end - 119 + bp, scan.breakTs(), "break ts at " + end);
        }
    }

    @Test
    void hansenPValuesMatchStrucchangeOnAGrid() {
        for (String[] r : Golden.rows("pvalues.csv")) {
            int k = Integer.parseInt(r[0]);
            double lambda = Double.parseDouble(r[1]);
            double x = Double.parseDouble(r[2]);
            double p = new SupFPValue(k, lambda).pValue(x);
            close(Double.parseDouble(r[3]), p, 1e-9, 1e-14, "p(k=" + k + ", lambda=" + lambda + ", x=" + x + ")");
        }
    }

    private static ChowResult runTo(double[] s, int end, boolean intercept, ChowMode mode) {
        RollingChow rc = new RollingChow(ChowConfig.builder().lags(LAGS).intercept(intercept).window(120)
                .mode(mode).build());
        ChowResult last = null;
        for (int i = 0; i < end; i++) {
            last = rc.update(i + 1, s[i]);
        }
        return last;
    }
}
