package io.tickcast.stats;

import java.math.BigDecimal;
import java.math.MathContext;

/** Least squares in 50-digit decimal arithmetic: the arbiter for double-precision paths. */
final class ExactOls {

    private static final MathContext MC = new MathContext(50);

    private ExactOls() {
    }

    /** RSS of y on X over rows [from, to): exact Gram and X'y, solved by Gaussian elimination at 50 digits. */
    static BigDecimal rss(double[][] x, double[] y, int from, int to) {
        int k = x[0].length;
        BigDecimal[][] a = new BigDecimal[k][k + 1];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j <= k; j++) {
                a[i][j] = BigDecimal.ZERO;
            }
        }
        BigDecimal yy = BigDecimal.ZERO;
        for (int r = from; r < to; r++) {
            BigDecimal yr = new BigDecimal(y[r]);
            yy = yy.add(yr.multiply(yr));
            for (int i = 0; i < k; i++) {
                BigDecimal xi = new BigDecimal(x[r][i]);
                for (int j = 0; j < k; j++) {
                    a[i][j] = a[i][j].add(xi.multiply(new BigDecimal(x[r][j])));
                }
                a[i][k] = a[i][k].add(xi.multiply(yr));
            }
        }
        BigDecimal[] xty = new BigDecimal[k];
        for (int i = 0; i < k; i++) {
            xty[i] = a[i][k];
        }
        for (int p = 0; p < k; p++) {
            for (int i = p + 1; i < k; i++) {
                BigDecimal f = a[i][p].divide(a[p][p], MC);
                for (int j = p; j <= k; j++) {
                    a[i][j] = a[i][j].subtract(f.multiply(a[p][j], MC), MC);
                }
            }
        }
        BigDecimal[] b = new BigDecimal[k];
        for (int i = k - 1; i >= 0; i--) {
            BigDecimal s = a[i][k];
            for (int j = i + 1; j < k; j++) {
                s = s.subtract(a[i][j].multiply(b[j], MC), MC);
            }
            b[i] = s.divide(a[i][i], MC);
        }
        BigDecimal fit = BigDecimal.ZERO;
        for (int i = 0; i < k; i++) {
            fit = fit.add(b[i].multiply(xty[i], MC), MC);
        }
        return yy.subtract(fit, MC);
    }

    /** Chow F in 50-digit arithmetic, rounded to double. */
    static double chowF(double[][] x, double[] y, int bp) {
        int n = y.length;
        int k = x[0].length;
        BigDecimal rss = rss(x, y, 0, n);
        BigDecimal u = rss(x, y, 0, bp).add(rss(x, y, bp, n));
        return rss.subtract(u).multiply(BigDecimal.valueOf(n - 2L * k))
                .divide(u.multiply(BigDecimal.valueOf(k)), MC).doubleValue();
    }
}
