package io.tickcast.stats;

/**
 * Cholesky factorisation and solves of small symmetric positive definite matrices stored row-major in a
 * {@code double[p * p]} (only the lower triangle is read): the normal equations of the break monitor's
 * regression (p ≤ 6). A pivot at or below {@value #PIVOT_TOL} of its diagonal entry is a singular matrix, a
 * return value (false), not an exception.
 */
final class SmallCholesky {

    /** Relative pivot tolerance, as {@link CrossProducts}. */
    static final double PIVOT_TOL = 1e-11;

    private SmallCholesky() {
    }

    /**
     * Factors A = L L'. {@code l} (modified) receives L row-major; {@code a} is not modified.
     *
     * @return false if A is not (numerically) positive definite
     */
    static boolean factor(double[] a, int p, double[] l) {
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i * p + j];
                for (int m = 0; m < j; m++) {
                    sum -= l[i * p + m] * l[j * p + m];
                }
                if (i == j) {
                    double d = a[i * p + i];
                    if (!(sum > PIVOT_TOL * Math.abs(d)) || !(sum > 0)) {
                        return false;
                    }
                    l[i * p + i] = Math.sqrt(sum);
                } else {
                    l[i * p + j] = sum / l[j * p + j];
                }
            }
            for (int j = i + 1; j < p; j++) {
                l[i * p + j] = 0;
            }
        }
        return true;
    }

    /** Solves L L' x = b; {@code x} (modified) may be {@code b}. */
    static void solve(double[] l, int p, double[] b, double[] x) {
        for (int i = 0; i < p; i++) {
            double sum = b[i];
            for (int m = 0; m < i; m++) {
                sum -= l[i * p + m] * x[m];
            }
            x[i] = sum / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double sum = x[i];
            for (int m = i + 1; m < p; m++) {
                sum -= l[m * p + i] * x[m];
            }
            x[i] = sum / l[i * p + i];
        }
    }

    /** ‖L⁻¹ b‖², i.e. b'A⁻¹b, with {@code scratch} (modified, length ≥ p). */
    static double quadraticForm(double[] l, int p, double[] b, double[] scratch) {
        double q = 0;
        for (int i = 0; i < p; i++) {
            double sum = b[i];
            for (int m = 0; m < i; m++) {
                sum -= l[i * p + m] * scratch[m];
            }
            scratch[i] = sum / l[i * p + i];
            q += scratch[i] * scratch[i];
        }
        return q;
    }
}
