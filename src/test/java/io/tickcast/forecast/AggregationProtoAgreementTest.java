package io.tickcast.forecast;

import static io.tickcast.forecast.AggregationCsv.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Agreement, to 1e-12, with the measured prototype ({@code tools/forecast_proto.py}) on the inputs and outputs that
 * {@code make_proto_reference_agg.py} wrote: its {@code Aggregator} in ML-Poly mode, its {@code Conformal} and the
 * shrink inside its {@code Forecaster}. The prototype's two interval constants (the warm-up z = 1.645 and its warm-up
 * count of 10 at level 0.9, a floating-point artefact of {@code ceil(1/(1 − 0.9))}) are given to the package-private
 * constructor; the public one uses z = Φ⁻¹(0.95) and 9 (see {@link AdaptiveConformalTest}).
 */
class AggregationProtoAgreementTest {

    private static final double TOL = 1e-12;
    private static final double PROTO_Z = 1.645;

    /** A forecast on the pending ring: what the learners need when its actual arrives. */
    private static final class Pending {
        boolean built;
        double scale;
        double base;
        boolean[] awake;
        double[] forecasts;
        double[] weights;
        double raw;
        double fc;
        double nu;
        double lo;
        double hi;
    }

    /**
     * The prototype's Forecaster (H = 3, defaults) tick by tick: per step its pending forecasts are learned in the
     * spec's order (§3) when their actual arrives, then the new forecast's weights, raw aggregate, shrunk forecast,
     * normaliser and interval are compared. Inputs: the experts' forecasts, the awake flags, the change scale.
     */
    @Test
    void theForecastersAggregationShrinkAndIntervalsMatchThePrototype() {
        AggregationCsv series = AggregationCsv.read("agg_proto_series.csv");
        AggregationCsv rows = AggregationCsv.read("agg_proto_forecasts.csv");
        int horizon = 3;
        int k = 12;
        MlPoly[] agg = new MlPoly[horizon];
        PersistenceShrink[] shrink = new PersistenceShrink[horizon];
        AdaptiveConformal[] conf = new AdaptiveConformal[horizon];
        for (int h = 0; h < horizon; h++) {
            agg[h] = new MlPoly(k);
            shrink[h] = PersistenceShrink.spec(); // the prototype's: without issue 22's forgetting and winsorising
            conf[h] = new AdaptiveConformal(0.9, 100, 0.03, 30, PROTO_Z, 10);
        }
        Pending[][] ring = new Pending[horizon][];
        int row = 0;
        int built = 0;
        double maxGain = 0.0;
        for (int t = 0; t < series.size(); t++) {
            double y = series.number(t, "y");
            for (int age = 0; age < horizon; age++) {
                Pending[] made = ring[age];
                if (made == null) {
                    continue;
                }
                int h = age;
                Pending p = made[h];
                if (p.built) {
                    agg[h].learn(p.weights, p.forecasts, p.awake, p.raw, y, p.scale);
                    shrink[h].learn(p.raw - p.base, y - p.base, p.scale);
                }
                conf[h].learn(y, p.fc, p.lo, p.hi, p.nu);
            }
            Pending[] now = new Pending[horizon];
            for (int h = 0; h < horizon; h++, row++) {
                assertEquals(t, rows.integer(row, "t"));
                assertEquals(h, rows.integer(row, "h"));
                Pending p = new Pending();
                p.built = rows.integer(row, "built") == 1;
                if (!p.built) {
                    p.fc = rows.number(row, "final");
                    p.nu = rows.number(row, "norm");
                    p.lo = rows.number(row, "lo");
                    p.hi = rows.number(row, "hi");
                } else {
                    built++;
                    String at = "t=" + t + " h=" + h;
                    p.scale = rows.number(row, "s");
                    p.base = rows.number(row, "base");
                    p.awake = rows.awake(row, k);
                    p.forecasts = rows.numbers(row, "f", k);
                    p.weights = new double[k];
                    agg[h].weights(p.awake, p.weights);
                    double[] expected = rows.numbers(row, "w", k);
                    for (int j = 0; j < k; j++) {
                        close(expected[j], p.weights[j], TOL, at + " w" + j);
                    }
                    p.raw = MlPoly.aggregate(p.weights, p.forecasts, p.awake);
                    close(rows.number(row, "raw"), p.raw, TOL, at + " raw");
                    double g = shrink[h].gain();
                    maxGain = Math.max(maxGain, g);
                    p.fc = p.base + g * (p.raw - p.base);
                    close(rows.number(row, "final"), p.fc, TOL, at + " final");
                    p.nu = conf[h].normaliser(p.scale * Math.sqrt(h + 1.0));
                    close(rows.number(row, "norm"), p.nu, TOL, at + " norm");
                    double half = conf[h].halfWidth(p.nu);
                    p.lo = p.fc - half;
                    p.hi = p.fc + half;
                    close(rows.number(row, "lo"), p.lo, TOL, at + " lo");
                    close(rows.number(row, "hi"), p.hi, TOL, at + " hi");
                }
                now[h] = p;
            }
            System.arraycopy(ring, 0, ring, 1, horizon - 1);
            ring[0] = now;
        }
        assertEquals(rows.size(), row);
        assertTrue(built > 400, "aggregated forecasts compared: " + built);
        assertTrue(maxGain > 0.9, "the shrink opened on this learnable series: max gain " + maxGain);
    }

    /** The prototype's {@code Aggregator(K, 'mlpol')} alone: random inputs, random sleeping experts, a switch. */
    @Test
    void mlPolyMatchesThePrototypesAggregator() {
        AggregationCsv csv = AggregationCsv.read("agg_proto_mlpoly.csv");
        int k = 8;
        MlPoly agg = new MlPoly(k);
        double[] w = new double[k];
        int uniform = 0;
        int sparse = 0;
        for (int t = 0; t < csv.size(); t++) {
            boolean[] awake = csv.awake(t, k);
            double[] f = csv.numbers(t, "f", k);
            agg.weights(awake, w);
            double[] expected = csv.numbers(t, "w", k);
            boolean equal = true;
            boolean zero = false;
            for (int j = 0; j < k; j++) {
                close(expected[j], w[j], TOL, "t=" + t + " w" + j);
                equal &= !awake[j] || w[j] == w[0];
                zero |= awake[j] && w[j] == 0.0;
            }
            uniform += equal ? 1 : 0;
            sparse += zero ? 1 : 0;
            double a = MlPoly.aggregate(w, f, awake);
            close(csv.number(t, "agg"), a, TOL, "t=" + t + " aggregate");
            agg.learn(w, f, awake, a, csv.number(t, "y"), csv.number(t, "s"));
        }
        assertTrue(uniform >= 1 && uniform < csv.size() / 10, "uniform weights (no positive regret): " + uniform);
        assertTrue(sparse > csv.size() / 10, "awake experts with weight 0 (regret <= 0): " + sparse);
    }

    /**
     * The prototype's {@code Conformal} alone, at level 0.8, window 40, γ = 0.3, half-life 10, on heavy-tailed errors
     * with two volatility breaks and a run of exact forecasts: the ACI level leaves [0, 1] on both sides, so the
     * clamps of the quantile level are exercised; a first normaliser of 0 is skipped by both.
     */
    @Test
    void conformalMatchesThePrototypesConformal() {
        AggregationCsv meta = AggregationCsv.read("agg_proto_conformal_meta.csv");
        assertEquals(10, meta.integer(0, "min_scores_at_0_9"), "the prototype's warm-up count at level 0.9");
        double level = meta.number(0, "level");
        int minScores = meta.integer(0, "min_scores");
        assertEquals(AdaptiveConformal.minScores(level) + 1, minScores, "the prototype's count is one more here too");
        AdaptiveConformal conf = new AdaptiveConformal(level, meta.integer(0, "window"), meta.number(0, "gamma"),
                meta.integer(0, "half_life"), meta.number(0, "warmup_z"), minScores);
        AggregationCsv csv = AggregationCsv.read("agg_proto_conformal.csv");
        double minAlpha = Double.POSITIVE_INFINITY;
        double maxAlpha = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < csv.size(); t++) {
            String at = "t=" + t;
            double fc = csv.number(t, "fc");
            double y = csv.number(t, "y");
            double nu = conf.normaliser(csv.number(t, "fallback"));
            close(csv.number(t, "norm"), nu, TOL, at + " norm");
            double half = conf.halfWidth(nu);
            close(csv.number(t, "half"), half, TOL, at + " half");
            conf.learn(y, fc, fc - half, fc + half, nu);
            close(csv.number(t, "alpha"), conf.missLevel(), TOL, at + " alpha");
            minAlpha = Math.min(minAlpha, conf.missLevel());
            maxAlpha = Math.max(maxAlpha, conf.missLevel());
        }
        assertTrue(minAlpha < 0.0 && maxAlpha > 1.0, "alpha range " + minAlpha + " .. " + maxAlpha);
    }

    /** The shrink inside the prototype's Forecaster (extracted by the script): a random walk, then a learnable part. */
    @Test
    void shrinkMatchesThePrototypesShrink() {
        AggregationCsv csv = AggregationCsv.read("agg_proto_shrink.csv");
        PersistenceShrink shrink = PersistenceShrink.spec();
        double last = 0.0;
        for (int t = 0; t < csv.size(); t++) {
            double g = shrink.gain();
            close(csv.number(t, "g"), g, TOL, "t=" + t + " gain");
            last = g;
            double base = csv.number(t, "base");
            shrink.learn(csv.number(t, "raw") - base, csv.number(t, "y") - base, csv.number(t, "s"));
        }
        assertTrue(last > 0.2, "the gain opened in the learnable part: " + last);
    }
}
