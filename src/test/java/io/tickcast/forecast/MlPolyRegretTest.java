package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ML-Poly's regret against the best expert and the best convex combination, on synthetic experts with bounded
 * forecasts and actuals in [0, 1] and the normalised square loss {@code ((x − y)/s)²}, checked against the bound
 * derived in {@link MlPoly}'s class comment, computed from the run:
 * <pre>
 *   R_{k,T} ≤ sqrt( V_{k,T} · Σ_j C_{j,T} ),  C_{j,T} = [V_{j,T} &gt; 0] + Σ_{t ≤ T, V_{j,t−1} &gt; 0} r_{j,t}² / V_{j,t−1},
 *   L_T(aggregate) − L_T(expert k) ≤ R_{k,T},   L_T(aggregate) − L_T(q) ≤ Σ_k q_k R_{k,T} ≤ max_k R_{k,T}.
 * </pre>
 * Everything on the right is recomputed here from the weights the class returned (not from its state); the bound is
 * asserted at every round (it holds for every T), and at the end of runs of T = 10, 100, 1000 and 10 000 rounds the
 * regret against the best convex combination (found exactly by enumerating the faces of the simplex) is checked too.
 */
class MlPolyRegretTest {

    private static final int K = 4;
    private static final double EPS = 1e-9;

    enum Scenario {
        /** Expert 0 tracks y in the first half, expert 1 in the second; a constant and a noise expert. */
        SWITCHING,
        /** Constant biases: expert 2 is the best throughout. */
        CONSTANT,
        /** Actuals and experts independent uniform noise: the best expert is luck. */
        NOISY,
        /** The actual is chosen against the aggregate: 1 if ŷ &lt; 1/2 else 0; experts 0, 1, 1/2 and noise. */
        ADVERSARIAL
    }

    /** What one run leaves: the aggregate's and the experts' cumulative losses and the bound's terms. */
    private static final class Run {
        final double[] f = new double[K];
        final double[] w = new double[K];
        final double[] regret = new double[K];
        final double[] squares = new double[K];
        final double[] c = new double[K];
        final double[] expertLoss = new double[K];
        final double[][] gram = new double[K][K];
        final double[] cross = new double[K];
        double aggregateLoss;
        double actualSquares;
        double maxRatio;

        double bound(int k) {
            return Math.sqrt(squares[k] * Arrays.stream(c).sum());
        }

        double maxBound() {
            double m = 0.0;
            for (int k = 0; k < K; k++) {
                m = Math.max(m, bound(k));
            }
            return m;
        }

        double maxRegret() {
            return Arrays.stream(regret).max().orElseThrow();
        }
    }

    private static Run run(Scenario scenario, int rounds, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        MlPoly agg = new MlPoly(K);
        boolean[] awake = new boolean[K];
        Arrays.fill(awake, true);
        Run run = new Run();
        for (int t = 0; t < rounds; t++) {
            double s = scenario == Scenario.NOISY ? 0.5 + rnd.nextDouble() : 1.0;
            double y = rnd.nextDouble();
            double[] f = run.f;
            switch (scenario) {
                case SWITCHING -> {
                    boolean first = t < rounds / 2;
                    f[0] = clip(first ? y + 0.05 * rnd.nextGaussian() : 1.0 - y);
                    f[1] = clip(first ? 1.0 - y : y + 0.05 * rnd.nextGaussian());
                    f[2] = 0.5;
                    f[3] = rnd.nextDouble();
                }
                case CONSTANT -> {
                    f[0] = clip(y + 0.3 + 0.1 * rnd.nextGaussian());
                    f[1] = clip(y + 0.1 + 0.1 * rnd.nextGaussian());
                    f[2] = clip(y + 0.1 * rnd.nextGaussian());
                    f[3] = clip(y - 0.2 + 0.1 * rnd.nextGaussian());
                }
                case NOISY -> {
                    for (int k = 0; k < K; k++) {
                        f[k] = rnd.nextDouble();
                    }
                }
                case ADVERSARIAL -> {
                    f[0] = 0.0;
                    f[1] = 1.0;
                    f[2] = 0.5;
                    f[3] = rnd.nextDouble();
                }
                default -> throw new IllegalStateException();
            }
            agg.weights(awake, run.w);
            double sum = 0.0;
            for (int k = 0; k < K; k++) {
                assertTrue(run.w[k] >= 0.0, "weights are non-negative");
                sum += run.w[k];
            }
            assertEquals(1.0, sum, 1e-12, "weights sum to 1");
            double yHat = MlPoly.aggregate(run.w, f, awake);
            if (scenario == Scenario.ADVERSARIAL) {
                y = yHat < 0.5 ? 1.0 : 0.0;
            }
            agg.learn(run.w, f, awake, yHat, y, s);
            account(run, f, yHat, y, s);
            for (int k = 0; k < K; k++) {
                assertTrue(run.regret[k] <= run.bound(k) + EPS,
                        () -> scenario + ": R_k = " + Arrays.toString(run.regret) + " above the bound");
                assertTrue(run.aggregateLoss - run.expertLoss[k] <= run.regret[k] + EPS,
                        () -> scenario + ": loss regret above the linearised regret");
            }
        }
        return run;
    }

    /** The bound's bookkeeping for one round, from the aggregate the class made (r as in the class comment). */
    private static void account(Run run, double[] f, double yHat, double y, double s) {
        double g = 2.0 * (yHat - y) / (s * s);
        for (int k = 0; k < K; k++) {
            double r = g * (yHat - f[k]);
            if (run.squares[k] > 0.0) {
                run.c[k] += r * r / run.squares[k];
                run.maxRatio = Math.max(run.maxRatio, r * r / run.squares[k]);
            } else if (r != 0.0) {
                run.c[k] += 1.0;
            }
            run.regret[k] += r;
            run.squares[k] += r * r;
            double e = (f[k] - y) / s;
            run.expertLoss[k] += e * e;
            for (int j = 0; j < K; j++) {
                run.gram[k][j] += f[k] * f[j] / (s * s);
            }
            run.cross[k] += f[k] * y / (s * s);
        }
        double e = (yHat - y) / s;
        run.aggregateLoss += e * e;
        run.actualSquares += y * y / (s * s);
    }

    private static double clip(double x) {
        return Math.min(1.0, Math.max(0.0, x));
    }

    /**
     * min over the simplex of Σ_t ((q·f_t − y_t)/s_t)² = qᵀGq − 2bᵀq + c, exactly: the minimum of a convex
     * quadratic on the simplex is the minimum over its faces of the equality-constrained minimum in the face's
     * relative interior (KKT: [2G_S 1; 1ᵀ 0][q; λ] = [2b_S; 1]), among those that are feasible (q ≥ 0).
     */
    private static double bestConvexLoss(Run run) {
        double best = Double.POSITIVE_INFINITY;
        for (int subset = 1; subset < 1 << K; subset++) {
            int[] idx = new int[Integer.bitCount(subset)];
            for (int k = 0, i = 0; k < K; k++) {
                if ((subset >>> k & 1) == 1) {
                    idx[i++] = k;
                }
            }
            int n = idx.length;
            Array2DRowRealMatrix kkt = new Array2DRowRealMatrix(n + 1, n + 1);
            RealVector rhs = new ArrayRealVector(n + 1);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    kkt.setEntry(i, j, 2.0 * run.gram[idx[i]][idx[j]]);
                }
                kkt.setEntry(i, n, 1.0);
                kkt.setEntry(n, i, 1.0);
                rhs.setEntry(i, 2.0 * run.cross[idx[i]]);
            }
            rhs.setEntry(n, 1.0);
            LUDecomposition lu = new LUDecomposition(kkt, 1e-12);
            if (!lu.getSolver().isNonSingular()) {
                continue;
            }
            RealVector sol = lu.getSolver().solve(rhs);
            double[] q = new double[K];
            boolean feasible = true;
            for (int i = 0; i < n; i++) {
                q[idx[i]] = sol.getEntry(i);
                feasible &= q[idx[i]] >= -1e-12;
            }
            if (feasible) {
                best = Math.min(best, quadratic(run, q));
            }
        }
        return best;
    }

    private static double quadratic(Run run, double[] q) {
        double v = run.actualSquares;
        for (int k = 0; k < K; k++) {
            v -= 2.0 * run.cross[k] * q[k];
            for (int j = 0; j < K; j++) {
                v += q[k] * run.gram[k][j] * q[j];
            }
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void theRegretStaysWithinTheBoundForSeveralHorizons(Scenario scenario) {
        for (int rounds : new int[] {10, 100, 1000, 10_000}) {
            Run run = run(scenario, rounds, 1000L * scenario.ordinal() + rounds);
            double bestExpert = Arrays.stream(run.expertLoss).min().orElseThrow();
            double bestConvex = bestConvexLoss(run);
            assertTrue(bestConvex <= bestExpert + 1e-9 * Math.max(1.0, bestExpert), "a vertex is a convex combination");
            double bound = run.maxBound();
            String what = scenario + " T=" + rounds;
            assertTrue(run.aggregateLoss - bestExpert <= bound + EPS,
                    () -> what + ": regret to the best expert " + (run.aggregateLoss - bestExpert) + " > " + bound);
            assertTrue(run.aggregateLoss - bestConvex <= run.maxRegret() + EPS * rounds,
                    () -> what + ": regret to the best convex combination " + (run.aggregateLoss - bestConvex)
                            + " > max_k R_k " + run.maxRegret());
            // linearised loss: max over the simplex of Σ_t g_t (ŷ_t − q·f_t) = max_k R_k (a linear function's maximum
            // on the simplex is at a vertex)
            assertTrue(run.maxRegret() <= bound + EPS, () -> what + ": linearised regret above the bound");
            if (rounds == 10_000) {
                assertTrue(bound / rounds < 0.05, () -> what + ": the bound is sublinear: " + bound / rounds);
            }
        }
    }

    /**
     * With a constant best expert its weight goes to 1: the others' regrets become negative, hence weight 0. When the
     * best expert is exact (no mixture improves on it) the weight is 1 to 1e-9 within 500 rounds; when it merely has
     * a 10 times smaller error than the biased others, ML-Poly keeps 1–5 % on them (it competes with convex
     * combinations, and a little of the others averages the best expert's noise) and the weight stays above 0.9.
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01})
    void theWeightsGoToTheBestExpert(double bestNoise) {
        MlPoly agg = new MlPoly(K);
        SplittableRandom rnd = new SplittableRandom(3);
        boolean[] awake = {true, true, true, true};
        double[] f = new double[K];
        double[] w = new double[K];
        double floor = bestNoise == 0.0 ? 1.0 - 1e-9 : 0.9;
        for (int t = 0; t < 5000; t++) {
            double y = rnd.nextDouble();
            f[0] = clip(y + 0.3 + 0.1 * rnd.nextGaussian());
            f[1] = clip(y + 0.1 + 0.1 * rnd.nextGaussian());
            f[2] = clip(y + bestNoise * rnd.nextGaussian());
            f[3] = clip(y - 0.2 + 0.1 * rnd.nextGaussian());
            agg.weights(awake, w);
            if (t >= 500) {
                assertTrue(w[2] > floor, "round " + t + ": " + Arrays.toString(w));
            }
            agg.learn(w, f, awake, MlPoly.aggregate(w, f, awake), y, 1.0);
        }
    }

    /** After the switch the weight moves from expert 0 to expert 1. */
    @Test
    void theWeightsFollowASwitch() {
        MlPoly agg = new MlPoly(2);
        boolean[] awake = {true, true};
        double[] f = new double[2];
        double[] w = new double[2];
        SplittableRandom rnd = new SplittableRandom(9);
        for (int t = 0; t < 4000; t++) {
            double y = rnd.nextDouble();
            f[0] = t < 2000 ? y : 1.0 - y;
            f[1] = t < 2000 ? 1.0 - y : y;
            agg.weights(awake, w);
            if (t == 1999) {
                assertTrue(w[0] > 0.99, "before the switch: " + Arrays.toString(w));
            }
            agg.learn(w, f, awake, MlPoly.aggregate(w, f, awake), y, 1.0);
        }
        agg.weights(awake, w);
        assertTrue(w[1] > 0.99, "after the switch: " + Arrays.toString(w));
    }
}
