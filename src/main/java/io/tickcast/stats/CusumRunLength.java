package io.tickcast.stats;

import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.hipparchus.special.Erf;

/**
 * The run length of Page's (1954) one-sided CUSUM {@code S_t = max(0, S_{t-1} + X_t - k)}, {@code S_0 = 0},
 * alarm at the first t with {@code S_t > h}, for independent standard normal increments X_t, and the threshold
 * h that keeps the two-sided CUSUM's probability of any alarm within a horizon at most alpha.
 *
 * <p>The survival function {@code P_n(s) = P(no alarm in the next n steps | S = s)} obeys
 * <pre>
 *   P_0(s) = 1,   P_n(s) = Φ(k − s) · P_{n−1}(0) + ∫_0^h φ(y + k − s) · P_{n−1}(y) dy
 * </pre>
 * (the atom at 0 and the continuous part on (0, h]). It is discretised at 0 and at the {@value #NODES}
 * Gauss–Legendre nodes of [0, h] (Nyström's method, as for the ARL of CUSUM charts in Knoth 2005), which gives a
 * (N + 1)-square matrix M with {@code P_n = M^n · 1}; {@code P(RL ≤ n) = 1 − (M^n · 1)_0}, by repeated squaring
 * (O(N³ log n)).
 *
 * <p>Two-sided: the upper and the lower CUSUM each alarm within n steps with the one-sided probability p, so by
 * the union bound the two-sided CUSUM alarms with probability at most 2p (exactly 2p − P(both), P(both) ≈ p²).
 * {@link #threshold} solves 2p = alpha: a guarantee, slightly conservative.
 */
public final class CusumRunLength {

    /** Gauss–Legendre nodes on [0, h]. */
    static final int NODES = 64;
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private CusumRunLength() {
    }

    /**
     * P(the one-sided CUSUM with reference k and threshold h alarms within n steps), increments N(0, 1).
     *
     * @throws IllegalArgumentException if h ≤ 0, n &lt; 1 or k is not finite
     */
    public static double alarmProbability(double k, double h, long n) {
        if (!(h > 0) || !Double.isFinite(h) || n < 1 || !Double.isFinite(k)) {
            throw new IllegalArgumentException("need h > 0 finite, n >= 1 and k finite; got k=" + k + ", h=" + h + ", n=" + n);
        }
        double[][] m = kernel(k, h);
        // P_n = M^n · 1, by repeated squaring of M applied to the vector of ones.
        int size = m.length;
        double[] p = new double[size];
        java.util.Arrays.fill(p, 1.0);
        double[][] power = m;
        long e = n;
        while (e > 0) {
            if ((e & 1) == 1) {
                p = multiply(power, p);
            }
            e >>= 1;
            if (e > 0) {
                power = multiply(power, power);
            }
        }
        return Math.min(1.0, Math.max(0.0, 1.0 - p[0]));
    }

    /**
     * The threshold h at which the two-sided CUSUM with reference k alarms within {@code horizon} steps with
     * probability at most alpha (2 × the one-sided probability = alpha), to 1e-9 by bisection.
     *
     * @throws IllegalArgumentException if alpha ∉ (0, 1), horizon &lt; 1 or k &lt; 0
     */
    public static double threshold(double k, double alpha, long horizon) {
        if (!(alpha > 0 && alpha < 1) || horizon < 1 || !(k >= 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("need alpha in (0, 1), horizon >= 1, k >= 0; got alpha=" + alpha
                    + ", horizon=" + horizon + ", k=" + k);
        }
        double lo = 1e-6;
        double hi = 1.0;
        while (2 * alarmProbability(k, hi, horizon) > alpha) {
            lo = hi;
            hi *= 2;
        }
        while (hi - lo > 1e-9 * hi) {
            double mid = 0.5 * (lo + hi);
            if (2 * alarmProbability(k, mid, horizon) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** M: row j is the state (0 for j = 0, else node j − 1); column 0 the atom at 0, column i the node i − 1. */
    private static double[][] kernel(double k, double h) {
        GaussIntegrator g = new GaussIntegratorFactory().legendre(NODES, 0.0, h);
        int n = g.getNumberOfPoints();
        double[] s = new double[n + 1];
        for (int i = 0; i < n; i++) {
            s[i + 1] = g.getPoint(i);
        }
        double[][] m = new double[n + 1][n + 1];
        for (int j = 0; j <= n; j++) {
            m[j][0] = phi(k - s[j]);
            for (int i = 0; i < n; i++) {
                double z = s[i + 1] + k - s[j];
                m[j][i + 1] = g.getWeight(i) * INV_SQRT_2PI * Math.exp(-0.5 * z * z);
            }
        }
        return m;
    }

    /** The standard normal cdf. */
    static double phi(double x) {
        return 0.5 * Erf.erfc(-x / SQRT2);
    }

    private static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < a.length; i++) {
            double sum = 0;
            for (int j = 0; j < v.length; j++) {
                sum += a[i][j] * v[j];
            }
            out[i] = sum;
        }
        return out;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) {
                double ail = a[i][l];
                if (ail == 0) {
                    continue;
                }
                double[] bl = b[l];
                double[] oi = out[i];
                for (int j = 0; j < n; j++) {
                    oi[j] += ail * bl[j];
                }
            }
        }
        return out;
    }
}
