package io.tickcast.serde;

import java.util.Map;

/**
 * The check that no output carries a number JSON cannot hold: the schemas say numbers, and {@code NaN} or
 * {@code Infinity} would be written as strings (or not be JSON at all). The forecast step refuses such an output before
 * it changes any state; {@link OutputWriter} refuses to write one, as the last line. On every tick's path, so it
 * allocates nothing while all is finite.
 */
public final class Outputs {

    private Outputs() {
    }

    /** The name of the first field holding NaN or an infinity (e.g. {@code steps[3].upper}), or null when all are finite. */
    public static String nonFinite(Output output) {
        if (output instanceof Forecast f) {
            return nonFinite(f);
        }
        if (output instanceof BreakSignal b) {
            String bad = bad(b.f()) ? "f" : bad(b.fCrit()) ? "f_crit" : bad(b.pValue()) ? "p_value"
                    : !Double.isFinite(b.alpha()) ? "alpha" : bad(b.cusum()) ? "cusum" : bad(b.cusumCrit()) ? "cusum_crit"
                    : bad(b.statistic()) ? "statistic" : bad(b.threshold()) ? "threshold" : bad(b.score()) ? "score"
                    : null;
            if (bad != null || b.change() == null) {
                return bad;
            }
            String before = nonFinite(b.change().before());
            if (before != null) {
                return "change.before." + before;
            }
            String after = nonFinite(b.change().after());
            return after == null ? null : "change.after." + after;
        }
        return null; // a dead letter holds integers and strings only
    }

    private static String nonFinite(Forecast f) {
        if (!Double.isFinite(f.value())) {
            return "value";
        }
        if (f.steps() instanceof Forecast.Steps steps) {
            for (int i = 0; i < steps.size(); i++) { // from the arrays, no Step objects
                String bad = !Double.isFinite(steps.forecast(i)) ? "forecast" : !Double.isFinite(steps.lower(i)) ? "lower"
                        : !Double.isFinite(steps.upper(i)) ? "upper" : !Double.isFinite(steps.persistence()) ? "persistence"
                        : null;
                if (bad != null) {
                    return "steps[" + i + "]." + bad;
                }
            }
        } else if (f.steps() != null) {
            for (int i = 0; i < f.steps().size(); i++) {
                Forecast.Step s = f.steps().get(i);
                if (s == null) {
                    continue;
                }
                String bad = !Double.isFinite(s.forecast()) ? "forecast" : !Double.isFinite(s.lower()) ? "lower"
                        : !Double.isFinite(s.upper()) ? "upper" : !Double.isFinite(s.persistence()) ? "persistence" : null;
                if (bad != null) {
                    return "steps[" + i + "]." + bad;
                }
            }
        }
        if (bad(f.trainLoss())) {
            return "train_loss";
        }
        if (bad(f.gain())) {
            return "gain";
        }
        if (f.anomaly() != null && !Double.isFinite(f.anomaly().pValue())) {
            return "anomaly.p_value";
        }
        Forecast.Score sc = f.score();
        if (sc != null) {
            String bad = bad(sc.rmse()) ? "rmse" : bad(sc.mae()) ? "mae" : bad(sc.persistenceRmse()) ? "persistence_rmse"
                    : bad(sc.persistenceMae()) ? "persistence_mae" : bad(sc.coverage()) ? "coverage"
                    : !Double.isFinite(sc.level()) ? "level" : null;
            if (bad != null) {
                return "score." + bad;
            }
        }
        if (f.experts() != null) {
            for (Map.Entry<String, Double> e : f.experts().entrySet()) {
                if (bad(e.getValue())) {
                    return "experts." + e.getKey();
                }
            }
        }
        return null;
    }

    private static String nonFinite(BreakSignal.Regime r) {
        return r == null ? null : bad(r.level()) ? "level" : bad(r.slope()) ? "slope" : bad(r.sd()) ? "sd" : null;
    }

    /** Whether a present number is not finite (absent is fine: the field is left out). */
    private static boolean bad(Double v) {
        return v != null && !Double.isFinite(v);
    }
}
