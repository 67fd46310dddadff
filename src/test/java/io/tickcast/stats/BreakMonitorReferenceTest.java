package io.tickcast.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The break monitor against R (strucchange 1.5.3): {@code monitor/make_monitor_reference.R} beside the resources
 * wrote every expected value.
 */
class BreakMonitorReferenceTest {

    private static double[] series() {
        List<String[]> rows = Golden.rows("monitor/series.csv");
        double[] y = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = Double.parseDouble(rows.get(i)[1]);
        }
        return y;
    }

    private static double num(String s) {
        return s.equals("NA") ? Double.NaN : Double.parseDouble(s);
    }

    private static void close(double want, double got, double rel, String what) {
        assertTrue(Math.abs(want - got) <= rel * Math.max(1, Math.abs(want)), what + ": want " + want + ", got " + got);
    }

    @Test
    void recursiveResidualsAreStrucchangesRecresid() {
        double[] y = series();
        double[] xtx = new double[4];
        double[] xty = new double[2];
        double[] x = new double[2];
        double[] l = new double[4];
        double[] beta = new double[2];
        double[] scratch = new double[2];
        List<String[]> want = Golden.rows("monitor/recresid.csv");
        int checked = 0;
        for (int t = 1, rows = 0; t < y.length; t++, rows++) {
            x[0] = 1;
            x[1] = y[t - 1];
            if (rows >= 2) {
                double w = BreakMonitor.recursiveResidual(xtx, xty, 2, x, y[t], l, beta, scratch);
                String[] r = want.get(t - 3);
                assertEquals(t, Integer.parseInt(r[0]));
                close(num(r[1]), w, 1e-9, "w at tick " + t);
                double wc = BreakMonitor.recursiveResidual(xtx, xty, 2, x, y[t], l, beta, scratch, true);
                // 1e-8: the first rows' fits are nearly singular (2 rows, regressors near 20, not centred here)
                close(num(r[3]), wc, 1e-8, "bias-corrected w at tick " + t);
                checked++;
            }
            BreakMonitor.addRow(xtx, xty, 2, x, y[t]);
        }
        assertEquals(want.size(), checked);
    }

    @Test
    void qStatisticsAndTheCusumPathAreRs() {
        double[] y = series();
        List<String[]> want = Golden.rows("monitor/recresid.csv");
        // The defaults but lags 1 at period 1, as the script's y ~ 1 + y_{t-1}; the path up to the first signal.
        BreakMonitor m = new BreakMonitor(MonitorConfig.of(1, 20, 0.05, 1000, 1.0, 200, 0.95, 1));
        double ss = 0;
        int nu = 0;
        int compared = 0;
        for (int t = 0; t < y.length; t++) {
            BreakMonitor.Result r = m.update(t * 1000L, y[t], 1);
            if (t >= 3) {
                String[] row = want.get(t - 3);
                double w = num(row[1]);
                double q = num(row[2]);
                if (nu >= 1) {
                    close(q, BreakMonitor.qStatistic(w, ss / nu, nu), 1e-9, "q at tick " + t);
                }
                ss += w * w;
                nu++;
                double s = num(row[5]);
                assertEquals(!Double.isNaN(s), r.monitoring(), "monitoring at tick " + t);
                if (!Double.isNaN(s)) {
                    close(s, r.statistic(), 1e-8, "CUSUM at tick " + t);
                    compared++;
                }
            }
            if (r.signal()) {
                break;
            }
        }
        assertTrue(compared > 90, "compared " + compared + " ticks");
    }

    @Test
    void runLengthIsABrookEvansMarkovChains() {
        for (String[] r : Golden.rows("monitor/runlength.csv")) {
            double k = num(r[0]);
            double h = num(r[1]);
            long n = Long.parseLong(r[2]);
            double want = num(r[3]);
            double got = CusumRunLength.alarmProbability(k, h, n);
            // The Markov chain of 4,000 states is itself accurate to about 1e-3 of the probability.
            assertTrue(Math.abs(got - want) <= 3e-3 * want + 1e-7, "h=" + h + ", n=" + n + ": R " + want + ", got " + got);
        }
    }

    @Test
    void thresholdKeepsTheTwoSidedBudget() {
        double h = CusumRunLength.threshold(0.5, 0.05, 1000);
        assertEquals(0.025, CusumRunLength.alarmProbability(0.5, h, 1000), 1e-9);
        assertTrue(CusumRunLength.threshold(0.5, 0.01, 1000) > h);
        assertTrue(CusumRunLength.threshold(0.5, 0.05, 10_000) > h);
    }

    @Test
    void datingIsBreakpointsAndConfint() {
        double[] y = series();
        String[] r = Golden.rows("monitor/dating.csv").get(0);
        int n = Integer.parseInt(r[0]);
        int hMin = Integer.parseInt(r[1]);
        double[] x = new double[2 * n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 1;
            x[2 * i + 1] = y[i];
            ys[i] = y[i + 1];
        }
        BreakDating.Result d = BreakDating.date(x, ys, n, 2, hMin, 0.95);
        assertNotNull(d);
        assertEquals(Integer.parseInt(r[2]), d.breakpoint());
        assertEquals(Integer.parseInt(r[3]), d.lower());
        assertEquals(Integer.parseInt(r[4]), d.upper());
        close(num(r[5]), d.rss(), 1e-9, "RSS");
        close(num(r[6]), d.rss1(), 1e-9, "RSS1");
        close(num(r[7]), d.rss2(), 1e-9, "RSS2");
        close(num(r[8]), d.f(), 1e-9, "F");
    }

    @Test
    void argmaxVIsPargmaxV() {
        for (String[] r : Golden.rows("monitor/argmax.csv")) {
            double xi = num(r[0]);
            double phi1 = num(r[1]);
            double phi2 = num(r[2]);
            String at = "xi=" + xi + ", phi1=" + phi1 + ", phi2=" + phi2;
            close(num(r[3]), BreakInterval.cdf(-5, xi, phi1, phi2), 1e-12, at + ": cdf(-5)");
            close(num(r[4]), BreakInterval.cdf(3, xi, phi1, phi2), 1e-12, at + ": cdf(3)");
            // qProd1 = phi1² makes the scale phi1²/qProd1 one: the raw quantiles.
            double[] w = BreakInterval.halfWidths(0.95, phi1 * phi1, xi, phi1, phi2);
            assertFalse(Double.isNaN(w[0]), at);
            close(num(r[5]), w[0], 1e-8, at + ": lower quantile");
            close(num(r[6]), w[1], 1e-8, at + ": upper quantile");
        }
    }
}
