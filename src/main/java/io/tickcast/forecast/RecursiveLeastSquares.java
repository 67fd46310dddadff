package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * Recursive least squares with exponential forgetting: the exact online solution of the weighted ridge problem
 * <pre>
 *   θ_n = argmin  Σ_{t ≤ n} λ^(n−t) (y_t − x_tᵀθ)²  +  λ^n (1/δ) |θ|²        (θ₀ = 0, P₀ = δ I)
 * </pre>
 * Per update, with the gain k and the inverse-information matrix P:
 * <pre>
 *   k = P x / (λ + xᵀ P x);   θ ← θ + k (y − xᵀθ);   P ← (P − k (P x)ᵀ) / λ
 * </pre>
 * P is kept exactly symmetric: only its upper triangle is computed, {@code P_ij = (P_ij − k_i (Px)_j) / λ} for
 * i ≤ j, and mirrored (the plain form, not Joseph's: it is the prototype's arithmetic, whose P is symmetric up to
 * rounding). O(d²) per update, no allocation. Deterministic; {@link #writeState} / {@link #readState} restore it
 * bit for bit. Not thread-safe.
 *
 * <p>δ here is the prior variance (P₀ = δ I, ridge 1/δ); the prototype's {@code ar_delta} is its inverse (a prior
 * precision, P₀ = I/ar_delta). Both are 1 in the forecaster.
 */
public final class RecursiveLeastSquares {

    private final int d;
    private final double lambda;
    private final double delta;
    private final double[] theta;
    /** Row-major d × d, symmetric. */
    private final double[] p;
    private final double[] px;
    private final double[] k;
    private long updates;

    /**
     * @param dimension d, the number of regressors (≥ 1)
     * @param lambda    forgetting factor in (0, 1]; 1 = none
     * @param delta     prior variance δ &gt; 0: P₀ = δ I (a ridge of 1/δ)
     */
    public RecursiveLeastSquares(int dimension, double lambda, double delta) {
        if (dimension < 1 || dimension > 1024) {
            throw new IllegalArgumentException("dimension must be in [1, 1024], got " + dimension);
        }
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in (0, 1], got " + lambda);
        }
        if (!(delta > 0 && delta < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("delta must be finite and > 0, got " + delta);
        }
        this.d = dimension;
        this.lambda = lambda;
        this.delta = delta;
        this.theta = new double[dimension];
        this.p = new double[dimension * dimension];
        this.px = new double[dimension];
        this.k = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            p[i * dimension + i] = delta;
        }
    }

    public int dimension() {
        return d;
    }

    /** xᵀθ; reads x[0..d). */
    public double predict(double[] x) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += x[i] * theta[i];
        }
        return s;
    }

    /** One update with regressors x[0..d) and target y. */
    public void update(double[] x, double y) {
        final int n = d;
        final double[] pm = p;
        double xpx = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += pm[row + j] * x[j];
            }
            px[i] = s;
            xpx += x[i] * s;
        }
        double c = lambda + xpx;
        double e = y - predict(x);
        final double[] g = k;
        for (int i = 0; i < n; i++) {
            double ki = px[i] / c;
            g[i] = ki;
            theta[i] += ki * e;
        }
        if (lambda == 1.0) {
            for (int i = 0, row = 0; i < n; i++, row += n) {
                double ki = g[i];
                pm[row + i] -= ki * px[i];
                for (int j = i + 1, col = row + n + i; j < n; j++, col += n) {
                    double v = pm[row + j] - ki * px[j];
                    pm[row + j] = v;
                    pm[col] = v;
                }
            }
        } else {
            for (int i = 0, row = 0; i < n; i++, row += n) {
                double ki = g[i];
                for (int j = i, col = row + i; j < n; j++, col += n) {
                    double v = (pm[row + j] - ki * px[j]) / lambda;
                    pm[row + j] = v;
                    pm[col] = v;
                }
            }
        }
        updates++;
    }

    /** Updates so far. */
    public long updates() {
        return updates;
    }

    /** Coefficient i of θ. */
    public double theta(int i) {
        return theta[i];
    }

    /** Bytes {@link #writeState} writes: d, λ, δ, the count, θ and the upper triangle of P. */
    public int stateBytes() {
        return Integer.BYTES + 2 * Double.BYTES + Long.BYTES + Double.BYTES * (d + d * (d + 1) / 2);
    }

    /** Writes d, λ and δ (checked on read), the update count, θ and P's upper triangle, big-endian raw bits. */
    public void writeState(ByteBuffer out) {
        out.putInt(d);
        out.putLong(Double.doubleToRawLongBits(lambda));
        out.putLong(Double.doubleToRawLongBits(delta));
        out.putLong(updates);
        for (int i = 0; i < d; i++) {
            out.putLong(Double.doubleToRawLongBits(theta[i]));
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                out.putLong(Double.doubleToRawLongBits(p[i * d + j]));
            }
        }
    }

    /**
     * Replaces the state with what {@link #writeState} wrote.
     *
     * @throws IllegalArgumentException if d, λ or δ differ from this instance's, the count is negative or the
     *                                  state is truncated (the instance is then unchanged)
     */
    public void readState(ByteBuffer in) {
        if (in.remaining() < Integer.BYTES + 2 * Double.BYTES) {
            throw new IllegalArgumentException("RLS state truncated");
        }
        int dim = in.getInt();
        double lam = Double.longBitsToDouble(in.getLong());
        double del = Double.longBitsToDouble(in.getLong());
        if (dim != d || Double.doubleToRawLongBits(lam) != Double.doubleToRawLongBits(lambda)
                || Double.doubleToRawLongBits(del) != Double.doubleToRawLongBits(delta)) {
            throw new IllegalArgumentException("RLS state of d=" + dim + ", lambda=" + lam + ", delta=" + del
                    + "; this instance has d=" + d + ", lambda=" + lambda + ", delta=" + delta);
        }
        if (in.remaining() < stateBytes() - Integer.BYTES - 2 * Double.BYTES) {
            throw new IllegalArgumentException("RLS state truncated");
        }
        long count = in.getLong();
        if (count < 0) {
            throw new IllegalArgumentException("RLS state has a negative update count " + count);
        }
        updates = count;
        for (int i = 0; i < d; i++) {
            theta[i] = Double.longBitsToDouble(in.getLong());
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = Double.longBitsToDouble(in.getLong());
                p[i * d + j] = v;
                p[j * d + i] = v;
            }
        }
    }

    /** Element (i, j) of P. */
    public double p(int i, int j) {
        return p[i * d + j];
    }
}
