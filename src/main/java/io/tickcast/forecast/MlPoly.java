package io.tickcast.forecast;

import java.nio.ByteBuffer;

/**
 * Aggregation of {@code K} experts for one horizon step by ML-Poly, the polynomially weighted average with one
 * learning rate per expert, run on the linearised ("gradient trick") normalised square loss, with sleeping experts
 * (Gaillard, Stoltz &amp; van Erven 2014, "A second-order bound with excess losses", COLT; R package opera's
 * {@code MLpol}). Specification: {@code docs/forecasting-spec.md} §5.4. One instance per horizon step; the caller
 * keeps, with each forecast, the weights it used and the experts' forecasts until the actual arrives.
 *
 * <h2>Equations</h2>
 * State: the cumulative regret {@code R_k} and the cumulative squared regret {@code V_k} of every expert.
 * <ul>
 *   <li>Weights (for the awake set {@code A}): {@code η_k = 1/V_k} if {@code V_k > 0} else 0;
 *       {@code w̃_k = η_k · max(R_k, 0) · [k ∈ A]}; if {@code Σ w̃ = 0}, {@code w̃_k = [k ∈ A]} (uniform over the
 *       awake experts); {@code w = w̃ / Σ w̃}. Aggregate {@code ŷ = Σ_k w_k f_k} ({@link #aggregate}).</li>
 *   <li>Learning, when the actual {@code y} arrives, with {@code s} the change scale at forecast time: the
 *       normalised loss {@code ℓ(x) = ((x − y)/s)²} has gradient {@code g = ℓ'(ŷ) = 2(ŷ − y)/s²} at the aggregate;
 *       the linearised regret of expert {@code k} is {@code r_k = g·(ŷ − f_k) = 2(ŷ − y)(ŷ − f_k)/s²} if awake and
 *       0 if asleep (a sleeping expert is taken to have predicted {@code ŷ}); {@code R_k += r_k},
 *       {@code V_k += r_k²}.</li>
 * </ul>
 *
 * <h2>Regret bound (the one the tests check)</h2>
 * Write {@code R_{k,t}}, {@code V_{k,t}} for the sums after {@code t} rounds and {@code p_t} for the weights of
 * round {@code t}. Two facts: (i) {@code Σ_k p_{k,t} r_{k,t} = g_t(ŷ_t − Σ_k p_{k,t} f_{k,t}) = 0}; (ii)
 * {@code (x + r)_+² ≤ x_+² + 2 x_+ r + r²} for all reals. Take the potential
 * {@code Φ_t = Σ_{k: V_{k,t} > 0} (R_{k,t})_+² / V_{k,t}}. For an expert with {@code V_{k,t−1} > 0}, since
 * {@code V} does not decrease, {@code (R_{k,t})_+²/V_{k,t} ≤ [(R_{k,t−1})_+² + 2(R_{k,t−1})_+ r_{k,t} + r_{k,t}²] / V_{k,t−1}};
 * an expert whose first non-zero regret comes at {@code t} adds at most {@code (r)_+²/r² ≤ 1}. The linear terms sum
 * to {@code Z_t Σ_k p_{k,t} r_{k,t} = 0} by (i) (their coefficients {@code (R_{k,t−1})_+/V_{k,t−1}} are the
 * un-normalised weights; when all are 0 the sum is 0 anyway). Telescoping,
 * <pre>
 *   Φ_T ≤ Σ_j C_{j,T},   C_{j,T} = [V_{j,T} &gt; 0] + Σ_{t ≤ T, V_{j,t−1} &gt; 0} r_{j,t}² / V_{j,t−1},
 *   hence for every expert k and every T:   R_{k,T} ≤ sqrt( V_{k,T} · Σ_j C_{j,T} ).
 * </pre>
 * By convexity of {@code ℓ_t}, {@code ℓ_t(ŷ_t) − ℓ_t(f_{k,t}) ≤ r_{k,t}}, so the cumulative normalised square loss
 * of the aggregate minus that of expert {@code k} (counted on the rounds where {@code k} is awake) is at most
 * {@code R_{k,T}}; against a fixed convex combination {@code q} (all awake) it is at most
 * {@code Σ_k q_k R_{k,T} ≤ max_k R_{k,T}}, and that is exactly the regret of the linearised loss
 * {@code Σ_t g_t ŷ_t − Σ_t g_t q·f_t}. Size: with {@code r² ≤ B²}, {@code u ≤ (1 + u) ln(1 + u)} gives
 * {@code C_{k,T} ≤ 1 + (1 + B²/V_{k,τ_k}) ln(V_{k,T}/V_{k,τ_k})} ({@code τ_k}: the round of {@code k}'s first non-zero
 * regret), so {@code R_{k,T} = O(sqrt(K · V_{k,T} · ln T)) = O(B sqrt(K T ln T))}: the second-order ML-Poly rate of
 * Gaillard et al. (this is their polynomial-potential proof, carried out for the rates used here). The paper states
 * it for losses in [0, 1] with a constant added to {@code V} in the rate; opera's {@code MLpol} uses
 * {@code η_k = 1/(B_t + V_k)} with {@code B_t} the running maximum of {@code r²}. This class keeps the prototype's
 * {@code η_k = 1/V_k} (spec §5.4, as measured): its only price is the factor {@code B²/V_{k,τ_k}} after a tiny first
 * regret.
 *
 * <p>Allocation-free after construction; not thread-safe.
 */
public final class MlPoly {

    private static final int TAG = 0x4d4c504c; // "MLPL"
    /** The largest |r_k| one round adds ({@link #learn}). */
    static final double MAX_ROUND_REGRET = 1e100;

    private final int experts;
    private final double[] regret;
    private final double[] squares;

    /** An aggregator of {@code experts} experts, all regrets 0 (uniform weights over the awake experts). */
    public MlPoly(int experts) {
        if (experts < 1) {
            throw new IllegalArgumentException("experts must be >= 1, was " + experts);
        }
        this.experts = experts;
        this.regret = new double[experts];
        this.squares = new double[experts];
    }

    /** The number of experts K. */
    public int experts() {
        return experts;
    }

    /**
     * The weights for a new forecast: {@code w_k ∝ max(R_k, 0)/V_k} over the awake experts, uniform over them when
     * none has a positive regret.
     *
     * @param awake which experts forecast now (length K; at least one)
     * @param w     written (length K): non-negative, 0 for the sleeping experts, summing to 1
     * @throws IllegalArgumentException on a wrong length or when no expert is awake
     */
    public void weights(boolean[] awake, double[] w) {
        checkLength(awake.length, "awake");
        checkLength(w.length, "w");
        double sum = 0.0;
        int awakeCount = 0;
        for (int k = 0; k < experts; k++) {
            double v = 0.0;
            if (awake[k]) {
                awakeCount++;
                if (regret[k] > 0.0 && squares[k] > 0.0) {
                    v = 1.0 / Math.max(squares[k], 1e-300) * regret[k];
                }
            }
            w[k] = v;
            sum += v;
        }
        if (awakeCount == 0) {
            throw new IllegalArgumentException("no expert is awake");
        }
        if (!(sum > 0.0)) {
            for (int k = 0; k < experts; k++) {
                w[k] = awake[k] ? 1.0 : 0.0;
            }
            sum = awakeCount;
        }
        for (int k = 0; k < experts; k++) {
            w[k] /= sum;
        }
    }

    /**
     * The aggregate forecast {@code ŷ = Σ_{k awake} w_k f_k} (the forecasts of sleeping experts are not read, so
     * they may be NaN).
     */
    public static double aggregate(double[] w, double[] forecasts, boolean[] awake) {
        double sum = 0.0;
        for (int k = 0; k < w.length; k++) {
            if (awake[k]) {
                sum += w[k] * forecasts[k];
            }
        }
        return sum;
    }

    /**
     * Learns from the actual value of a forecast made with {@code w}: {@code R_k += r_k}, {@code V_k += r_k²} with
     * {@code r_k = 2(ŷ − y)(ŷ − f_k)/s²} for the experts awake then (0 for the others), bounded to ±1e100.
     *
     * @param w         the weights the forecast was made with (by {@link #weights}); the update itself needs only
     *                  the aggregate they made (the gradient trick), so {@code w} is only checked, under
     *                  {@code -ea}, to have made {@code aggregate}
     * @param forecasts the experts' forecasts of that value (sleeping ones not read)
     * @param awake     which experts were awake then
     * @param aggregate {@code ŷ = Σ w_k f_k}, the raw aggregate (before any shrinkage)
     * @param actual    the actual value {@code y}
     * @param scale     the change scale {@code s} when the forecast was made (finite, &gt; 0)
     * @throws IllegalArgumentException on a wrong length, a non-finite value or scale, or a scale &lt;= 0;
     *                                  the state is then unchanged
     */
    public void learn(double[] w, double[] forecasts, boolean[] awake, double aggregate, double actual, double scale) {
        checkLength(w.length, "w");
        checkLength(forecasts.length, "forecasts");
        checkLength(awake.length, "awake");
        if (!(scale > 0.0) || scale == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("scale must be finite and > 0, was " + scale);
        }
        if (!Double.isFinite(aggregate) || !Double.isFinite(actual)) {
            throw new IllegalArgumentException("aggregate and actual must be finite, were " + aggregate + ", " + actual);
        }
        for (int k = 0; k < experts; k++) {
            if (awake[k] && !Double.isFinite(forecasts[k])) {
                throw new IllegalArgumentException("forecast of awake expert " + k + " is " + forecasts[k]);
            }
        }
        assert Math.abs(aggregate(w, forecasts, awake) - aggregate) <= 1e-9 * (Math.abs(aggregate) + scale)
                : "aggregate " + aggregate + " was not made by w";
        double g = 2.0 * (aggregate - actual) / (scale * scale);
        for (int k = 0; k < experts; k++) {
            if (awake[k]) {
                double r = bounded(g * (aggregate - forecasts[k]));
                regret[k] += r;
                squares[k] += r * r;
            }
        }
    }

    /**
     * A round's regret r within ±{@link #MAX_ROUND_REGRET}; NaN (an infinite gradient times an expert that forecast
     * the aggregate, whose regret is 0) is 0. Values within the parser's range (|y| ≤ 1e100) can still make r
     * overflow: a change of 1e100 against a scale of 1e-100 is (1e200)² in units of s² (issue 20). Bounded, the
     * sums stay finite (V grows by at most 1e200 a round) and the weights stay defined. On real series |r| stays
     * far below (at most 7.3e14 on the quality bench's and M4's hourly and weekly series), so there nothing changes.
     */
    private static double bounded(double r) {
        if (Math.abs(r) <= MAX_ROUND_REGRET) {
            return r;
        }
        return r > 0 ? MAX_ROUND_REGRET : r < 0 ? -MAX_ROUND_REGRET : 0.0;
    }

    /** Bytes {@link #writeState} writes: 8 + 16 K. */
    public int stateBytes() {
        return 8 + 16 * experts;
    }

    /** Writes the state at {@code out}'s position: a tag, K, then (R_k, V_k) as raw IEEE bits. */
    public void writeState(ByteBuffer out) {
        out.putInt(TAG);
        out.putInt(experts);
        for (int k = 0; k < experts; k++) {
            out.putLong(Double.doubleToRawLongBits(regret[k]));
            out.putLong(Double.doubleToRawLongBits(squares[k]));
        }
    }

    /**
     * Replaces the state with what {@link #writeState} wrote; afterwards the aggregator continues bit-identically.
     *
     * @throws IllegalArgumentException if the bytes are not an ML-Poly state of this K (the state is then unchanged)
     */
    public void readState(ByteBuffer in) {
        int tag = in.remaining() >= 4 ? in.getInt(in.position()) : 0;
        if (tag != TAG) {
            throw new IllegalArgumentException(String.format("not an ML-Poly state (tag 0x%08x)", tag));
        }
        if (in.remaining() < 8) {
            throw new IllegalArgumentException("ML-Poly state truncated: " + in.remaining() + " bytes");
        }
        int k0 = in.getInt(in.position() + 4);
        if (k0 != experts) {
            throw new IllegalArgumentException("ML-Poly state is for " + k0 + " experts, this aggregator has " + experts);
        }
        if (in.remaining() < stateBytes()) {
            throw new IllegalArgumentException("ML-Poly state truncated: " + in.remaining() + " of " + stateBytes() + " bytes");
        }
        in.position(in.position() + 8);
        for (int k = 0; k < experts; k++) {
            regret[k] = Double.longBitsToDouble(in.getLong());
            squares[k] = Double.longBitsToDouble(in.getLong());
        }
    }

    private void checkLength(int length, String what) {
        if (length != experts) {
            throw new IllegalArgumentException(what + " has length " + length + ", expected " + experts);
        }
    }
}
