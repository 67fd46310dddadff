package io.tickcast.stats;

import static io.tickcast.stats.Golden.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.hipparchus.distribution.continuous.FDistribution;
import org.junit.jupiter.api.Test;

class ChowTestTest {

    /**
     * The notebook's chow(), transcribed: beta = inv(X'X) X'Y per segment, RSS from residuals,
     * F = ((RSS - (RSS1 + RSS2)) / k) / ((RSS1 + RSS2) / (n - 2k)), Fcrit = f.ppf(1 - alpha).
     */
    private static double[] notebookChow(double[][] x, double[] y, int bp, double alpha) {
        int k = x[0].length;
        int n = x.length;
        double rss = notebookRss(x, y, 0, n);
        double rss1 = notebookRss(x, y, 0, bp);
        double rss2 = notebookRss(x, y, bp, n);
        double f = ((rss - (rss1 + rss2)) / k) / ((rss1 + rss2) / (n - 2 * k));
        return new double[] {f, new FDistribution(k, n - 2 * k).inverseCumulativeProbability(1 - alpha), rss, rss1,
            rss2};
    }

    private static double notebookRss(double[][] x, double[] y, int from, int to) {
        DMatrixRMaj xm = new DMatrixRMaj(java.util.Arrays.copyOfRange(x, from, to));
        DMatrixRMaj ym = new DMatrixRMaj(to - from, 1, true, java.util.Arrays.copyOfRange(y, from, to));
        DMatrixRMaj xtx = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.multTransA(xm, xm, xtx);
        CommonOps_DDRM.invert(xtx);
        DMatrixRMaj xty = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.multTransA(xm, ym, xty);
        DMatrixRMaj beta = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.mult(xtx, xty, beta);
        DMatrixRMaj fit = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.mult(xm, beta, fit);
        double s = 0;
        for (int i = 0; i < fit.numRows; i++) {
            double e = fit.get(i, 0) - ym.get(i, 0);
            s += e * e;
        }
        return s;
    }

    @Test
    void withoutInterceptItIsTheNotebooksTest() {
        // Mean-zero AR(1) so the notebook's explicit inverse is well conditioned.
        double[] s = Streams.ar1(31, 400, 0.0, 0.7, 1.0);
        LagDesign d = LagDesign.of(s, 5, s.length, 5, false);
        for (int bp : new int[] {50, 197, 300}) {
            ChowTest.Result r = ChowTest.test(d.x(), d.y(), bp, 0.05);
            double[] nb = notebookChow(d.x(), d.y(), bp, 0.05);
            close(nb[0], r.f(), 1e-9, 0, "F");
            close(nb[1], r.fCrit(), 1e-9, 0, "Fcrit");
            close(nb[2], r.rss(), 1e-10, 0, "RSS");
            close(nb[3], r.rss1(), 1e-10, 0, "RSS1");
            close(nb[4], r.rss2(), 1e-10, 0, "RSS2");
            assertEquals(5, r.df1());
            assertEquals(395 - 10, r.df2());
        }
    }

    @Test
    void alphaIsHonouredAndPValueIsConsistent() {
        double[] s = Streams.ar1(32, 200, 10.0, 0.5, 1.0);
        LagDesign d = LagDesign.of(s, 5, s.length, 5, true);
        ChowTest.Result a = ChowTest.test(d.x(), d.y(), 97, 0.05);
        ChowTest.Result b = ChowTest.test(d.x(), d.y(), 97, 0.01);
        assertTrue(b.fCrit() > a.fCrit());
        assertEquals(a.f(), b.f());
        FDistribution fd = new FDistribution(a.df1(), a.df2());
        close(1 - fd.cumulativeProbability(a.f()), a.pValue(), 1e-12, 0, "p");
        close(0.05, 1 - fd.cumulativeProbability(a.fCrit()), 1e-9, 0, "P(F > Fcrit)");
    }

    @Test
    void degenerateSamplesAreUndefinedNotExceptions() {
        double[][] x = new double[20][];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = new double[] {1.0, 5.0}; // second column collinear with the intercept
            y[i] = i;
        }
        assertFalse(ChowTest.test(x, y, 10, 0.05).defined());
        double[] s = Streams.ar1(33, 30, 0.0, 0.5, 1.0);
        LagDesign d = LagDesign.of(s, 5, s.length, 5, true); // n = 25, k = 6
        assertFalse(ChowTest.test(d.x(), d.y(), 6, 0.05).defined(), "segment of k rows");
        assertFalse(ChowTest.test(d.x(), d.y(), 19, 0.05).defined(), "segment of k rows");
        assertTrue(ChowTest.test(d.x(), d.y(), 7, 0.05).defined());
        LagDesign tiny = LagDesign.of(s, 5, 17, 5, true); // n = 12 <= 2k
        assertFalse(ChowTest.test(tiny.x(), tiny.y(), 6, 0.05).defined());
        assertFalse(ChowTest.scan(tiny.x(), tiny.y(), 0.15).defined());
    }

    @Test
    void shapeErrorsThrow() {
        double[][] x = {{1, 2}, {1, 3}};
        assertThrows(IllegalArgumentException.class, () -> ChowTest.test(x, new double[3], 1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> ChowTest.test(x, new double[2], 3, 0.05));
        assertThrows(IllegalArgumentException.class, () -> ChowTest.test(x, new double[2], 1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ChowTest.test(new double[][] {{1, 2}, {1}},
                new double[2], 1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> ChowTest.scan(x, new double[2], 0.5));
    }

    @Test
    void supFCriticalValueHasPValueAlpha() {
        for (int k : new int[] {1, 5, 6, 10}) {
            SupFPValue pv = new SupFPValue(k, SupFPValue.lambda(120, 18, 102));
            double c = pv.critical(0.05);
            close(0.05, pv.pValue(c), 1e-9, 0, "p(crit) for k=" + k);
            assertTrue(pv.pValue(c * 0.999) > 0.05);
        }
        assertThrows(IllegalArgumentException.class, () -> new SupFPValue(41, 2.0));
        assertThrows(IllegalArgumentException.class, () -> new SupFPValue(3, 0.0));
    }

    @Test
    void configIsValidatedNamingTheField() {
        assertEquals("ChowConfig{lags=5, intercept=true, window=120, mode=FIXED, alpha=0.05, trim=0.15}",
                ChowConfig.defaults().toString());
        assertMessage("lags", () -> ChowConfig.builder().lags(-1).build());
        assertMessage("lags", () -> ChowConfig.builder().lags(0).intercept(false).build());
        assertMessage("lags", () -> ChowConfig.builder().lags(40).build());
        assertMessage("window", () -> ChowConfig.builder().window(0).build());
        assertMessage("mode", () -> ChowConfig.builder().mode(null).build());
        assertMessage("alpha", () -> ChowConfig.builder().alpha(0).build());
        assertMessage("alpha", () -> ChowConfig.builder().alpha(Double.NaN).build());
        assertMessage("trim", () -> ChowConfig.builder().trim(0.5).build());
        assertEquals(ChowConfig.defaults(), ChowConfig.defaults().toBuilder().build());
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(field), ex.getMessage());
    }
}
