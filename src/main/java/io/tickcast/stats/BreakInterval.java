package io.tickcast.stats;

import org.hipparchus.special.Erf;

/**
 * Bai's (1997) confidence interval for the date of one break in a linear regression, as strucchange's
 * {@code confint.breakpoints} computes it with its defaults ({@code het.reg = TRUE, het.err = TRUE}).
 *
 * <p>With the two segments' OLS fits β₁, β₂, their residual variances σᵢ² = RSSᵢ/nᵢ and moment matrices
 * Qᵢ = Xᵢ'Xᵢ/nᵢ, δ = β₂ − β₁: ξ = δ'Q₂δ / δ'Q₁δ, φ₁ = σ₁, φ₂ = σ₂. The scaled break date error converges to
 * argmax V, where V is a two-sided Brownian motion with drift (Bai 1997, Proposition 1); {@link #cdf} is its
 * distribution function (strucchange's {@code pargmaxV}). The interval at level L: with a = (1 − L)/2 and
 * x_a, x_{1−a} the quantiles of argmax V, {@code upper = x_{1−a} φ₁²/δ'Q₁δ}, {@code lower = x_a φ₁²/δ'Q₁δ},
 * and in observations {@code [bp − ⌈upper⌉, bp − ⌊lower⌋]} where bp is the last observation of the first
 * segment. Undefined (NaN) where strucchange declines it: P(argmax V ≤ 0) outside (a, 1 − a), or NaN.
 */
public final class BreakInterval {

    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private BreakInterval() {
    }

    /**
     * The interval's half-widths in units of observations before rounding: {@code {lower, upper}} with lower ≤ 0 ≤
     * upper (the break's first-segment end minus the interval's ends), or {@code {NaN, NaN}} when undefined.
     *
     * @param level  confidence level in (0, 1)
     * @param qProd1 δ'Q₁δ (&gt; 0)
     * @param xi     δ'Q₂δ / δ'Q₁δ
     * @param phi1   σ₁
     * @param phi2   σ₂
     */
    public static double[] halfWidths(double level, double qProd1, double xi, double phi1, double phi2) {
        double a2 = (1 - level) / 2;
        double p0 = cdf(0, xi, phi1, phi2);
        if (Double.isNaN(p0) || p0 < a2 || p0 > 1 - a2 || !(qProd1 > 0) || !Double.isFinite(qProd1)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double ub = 0;
        while (cdf(ub, xi, phi1, phi2) < 1 - a2) {
            ub += 1000;
        }
        double lb = 0;
        while (cdf(lb, xi, phi1, phi2) > a2) {
            lb -= 1000;
        }
        double upper = root(0, ub, 1 - a2, xi, phi1, phi2);
        double lower = root(lb, 0, a2, xi, phi1, phi2);
        double scale = phi1 * phi1 / qProd1;
        return new double[] {lower * scale, upper * scale};
    }

    /** The root of cdf(x) = level in [a, b] (cdf increasing), by bisection to 1e-12 of the bracket. */
    private static double root(double a, double b, double level, double xi, double phi1, double phi2) {
        double lo = a;
        double hi = b;
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, xi, phi1, phi2) < level) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * P(argmax V ≤ x): strucchange's {@code pargmaxV(x, xi, phi1, phi2)} (Bai 1997, with φ = ξ(φ₂/φ₁)²), the
     * normal tails on the log scale as R's {@code pnorm(·, log.p = TRUE)}.
     */
    public static double cdf(double x, double xi, double phi1, double phi2) {
        double phi = xi * (phi2 / phi1) * (phi2 / phi1);
        return x < 0 ? g1(x, xi, phi) : g2(x, xi, phi);
    }

    private static double g1(double x, double xi, double phi) {
        x = Math.abs(x);
        double frac = xi / phi;
        return -Math.exp(Math.log(x) / 2 - x / 8 - LOG_SQRT_2PI)
                - (phi / xi * (phi + 2 * xi) / (phi + xi))
                * Math.exp(frac * (1 + frac) * x / 2 + logLowerPhi(-(0.5 + frac) * Math.sqrt(x)))
                + Math.exp(Math.log(x / 2 - 2 + (phi + 2 * xi) * (phi + 2 * xi) / ((phi + xi) * xi))
                + logLowerPhi(-Math.sqrt(x) / 2));
    }

    private static double g2(double x, double xi, double phi) {
        x = Math.abs(x);
        double frac = xi * xi / phi;
        return 1 + Math.sqrt(frac) * Math.exp(Math.log(x) / 2 - frac * x / 8 - LOG_SQRT_2PI)
                + (xi / phi * (2 * phi + xi) / (phi + xi))
                * Math.exp((phi + xi) * x / 2 + logLowerPhi(-(phi + xi / 2) / Math.sqrt(phi) * Math.sqrt(x)))
                - Math.exp(Math.log((2 * phi + xi) * (2 * phi + xi) / ((phi + xi) * phi) - 2 + frac * x / 2)
                + logLowerPhi(-Math.sqrt(frac) * Math.sqrt(x) / 2));
    }

    /**
     * log Φ(z): from erfc where it is representable, else (z &lt; −37) the asymptotic series
     * {@code −z²/2 − log(−z) − log√(2π) + log(1 − 1/z² + 3/z⁴ − 15/z⁶)}.
     */
    static double logLowerPhi(double z) {
        if (z > -37) {
            return Math.log(0.5 * Erf.erfc(-z / Math.sqrt(2)));
        }
        double z2 = z * z;
        return -z2 / 2 - Math.log(-z) - LOG_SQRT_2PI + Math.log1p(-1 / z2 + 3 / (z2 * z2) - 15 / (z2 * z2 * z2));
    }
}
