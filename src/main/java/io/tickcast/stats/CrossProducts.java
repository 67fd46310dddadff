package io.tickcast.stats;

/**
 * Running cross-products of a regression with an intercept column: for rows z = (1, x_1..x_L) and
 * responses y it holds {@code Z'Z} (lower triangle, row-major m x m, m = L + 1), {@code Z'y},
 * {@code y'y} and the row count. Rows are added and removed in O(m^2).
 *
 * <p>The caller feeds transformed rows (level column centred on a reference c, the other lags as
 * differences, the response as a difference), which keeps {@code y'y} of the order of the residual
 * sum of squares instead of {@code n * price^2}; see {@link #rss(boolean, double)} for why the
 * transformation leaves every RSS unchanged, with and without intercept.
 *
 * <p>Not thread-safe; one instance per window segment.
 */
final class CrossProducts {

    /**
     * A pivot of the Cholesky factor below this fraction of its diagonal entry means the design
     * is singular (1 - R^2 of that column on the previous ones &lt; 1e-11).
     */
    static final double SINGULAR_TOL = 1e-11;

    final int m;
    final double[] zz;
    final double[] zy;
    double yy;
    int count;

    // Scratch for rss(); not state.
    private final double[] chol;
    private final double[] w;
    private final double[] g;

    CrossProducts(int m) {
        this.m = m;
        this.zz = new double[m * m];
        this.zy = new double[m];
        this.chol = new double[m * m];
        this.w = new double[m];
        this.g = new double[m];
    }

    void clear() {
        java.util.Arrays.fill(zz, 0.0);
        java.util.Arrays.fill(zy, 0.0);
        yy = 0.0;
        count = 0;
    }

    /**
     * Adds ({@code sign = +1}) or removes ({@code sign = -1}) one row.
     *
     * @param z the row, z[0] = 1 (not modified)
     * @param y the response
     */
    void update(double[] z, double y, double sign) {
        for (int i = 0; i < m; i++) {
            double zi = sign * z[i];
            int row = i * m;
            for (int j = 0; j <= i; j++) {
                zz[row + j] += zi * z[j];
            }
            zy[i] += zi * y;
        }
        yy += sign * y * y;
        count += (int) sign;
    }

    /** this = a + b (both not modified). */
    void setSum(CrossProducts a, CrossProducts b) {
        for (int i = 0; i < zz.length; i++) {
            zz[i] = a.zz[i] + b.zz[i];
        }
        for (int i = 0; i < m; i++) {
            zy[i] = a.zy[i] + b.zy[i];
        }
        yy = a.yy + b.yy;
        count = a.count + b.count;
    }

    /**
     * Residual sum of squares of the least-squares fit, from the normal equations by Cholesky:
     * {@code Z'Z = L L'}, {@code w = L^-1 Z'y}, {@code RSS = y'y - w'w}.
     *
     * <p>The rows are those of {@code RollingChow}: z = (1, x_1 - c, x_1 - x_2, .., x_{L-1} - x_L)
     * with response y - x_1 (an invertible change of the regressors and a shift of y by one of
     * them, which leave the RSS unchanged). With intercept that is all. Without intercept the raw
     * model {@code y - x_1 = b_1 x_1 + sum_j d_j (x_j - x_{j+1})} reads, in these columns,
     * {@code g_0 + g_1 (x_1 - c) + ..} with the linear constraint {@code g_0 = c g_1}, i.e.
     * {@code a'g = 0} with {@code a = (1, -c, 0, .., 0)}. The constrained minimum is
     * {@code RSS_c = RSS + (a'g^)^2 / (a' (Z'Z)^-1 a)} (Rao 1973, 4a.9), computed here in
     * O(m^2) without ever forming uncentred cross-products.
     *
     * @param intercept whether the model has an intercept (else the constraint above applies; needs m &gt;= 2)
     * @param c the reference subtracted from the level column
     * @return the RSS, or NaN if {@code Z'Z} is singular (relative pivot below {@link #SINGULAR_TOL})
     */
    double rss(boolean intercept, double c) {
        if (!cholesky()) {
            return Double.NaN;
        }
        double ww = 0.0;
        for (int i = 0; i < m; i++) {
            double s = zy[i];
            int row = i * m;
            for (int j = 0; j < i; j++) {
                s -= chol[row + j] * w[j];
            }
            w[i] = s / chol[row + i];
            ww += w[i] * w[i];
        }
        double rss = yy - ww;
        if (!intercept) {
            // g^ = L'^-1 w
            for (int i = m - 1; i >= 0; i--) {
                double s = w[i];
                for (int j = i + 1; j < m; j++) {
                    s -= chol[j * m + i] * g[j];
                }
                g[i] = s / chol[i * m + i];
            }
            double q = g[0] - c * g[1];
            // u = L^-1 a, reuse w
            double uu = 0.0;
            for (int i = 0; i < m; i++) {
                double s = i == 0 ? 1.0 : i == 1 ? -c : 0.0;
                int row = i * m;
                for (int j = 0; j < i; j++) {
                    s -= chol[row + j] * w[j];
                }
                w[i] = s / chol[row + i];
                uu += w[i] * w[i];
            }
            rss += q * q / uu;
        }
        return Math.max(rss, 0.0);
    }

    /**
     * The least-squares coefficients in the transformed columns (constrained as in
     * {@link #rss(boolean, double)} without intercept): {@code g = (Z'Z)^-1 Z'y}, and without
     * intercept {@code g - (Z'Z)^-1 a (a'g) / (a'(Z'Z)^-1 a)}.
     *
     * @param out receives the m coefficients (modified)
     * @return false if {@code Z'Z} is singular
     */
    boolean coefficients(boolean intercept, double c, double[] out) {
        if (!cholesky()) {
            return false;
        }
        forward(zy, w);
        backward(w, out);
        if (!intercept) {
            double q = out[0] - c * out[1];
            java.util.Arrays.fill(g, 0.0);
            g[0] = 1.0;
            g[1] = -c;
            forward(g, w);
            double uu = 0.0;
            for (int i = 0; i < m; i++) {
                uu += w[i] * w[i];
            }
            backward(w, g); // g = (Z'Z)^-1 a
            for (int i = 0; i < m; i++) {
                out[i] -= g[i] * q / uu;
            }
        }
        return true;
    }

    /** out = L^-1 b (b not modified; out may not alias b). */
    private void forward(double[] b, double[] out) {
        for (int i = 0; i < m; i++) {
            double s = b[i];
            int row = i * m;
            for (int j = 0; j < i; j++) {
                s -= chol[row + j] * out[j];
            }
            out[i] = s / chol[row + i];
        }
    }

    /** out = L'^-1 b (b not modified; out may not alias b). */
    private void backward(double[] b, double[] out) {
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < m; j++) {
                s -= chol[j * m + i] * out[j];
            }
            out[i] = s / chol[i * m + i];
        }
    }

    /** Cholesky factor of zz into chol; false if not numerically positive definite. */
    private boolean cholesky() {
        for (int j = 0; j < m; j++) {
            int rj = j * m;
            double d = zz[rj + j];
            double diag = d;
            for (int p = 0; p < j; p++) {
                d -= chol[rj + p] * chol[rj + p];
            }
            if (!(diag > 0.0) || !(d > SINGULAR_TOL * diag)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            chol[rj + j] = ljj;
            for (int i = j + 1; i < m; i++) {
                int ri = i * m;
                double s = zz[ri + j];
                for (int p = 0; p < j; p++) {
                    s -= chol[ri + p] * chol[rj + p];
                }
                chol[ri + j] = s / ljj;
            }
        }
        return true;
    }
}
