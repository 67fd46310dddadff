package io.tickcast.forecast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What the tests compare the experts with, written plainly: the textbook state-space recursion of one setting, the
 * spec's seasonal start-up, generated series, and the reference CSVs beside the tests.
 */
final class Reference {

    private Reference() {
    }

    /** The start-up states: level, trend and the seasons s_0..s_{m-1} of the m values after the window. */
    record Start(double level, double trend, double[] season) {
    }

    /**
     * The spec's seasonal start-up (§5.2) from the 2m values {@code w} (in z): two cycle means give level and slope,
     * the detrended phase means (less their mean) the seasons.
     */
    static Start seasonalStart(double[] w, int m) {
        double c1 = 0;
        double c2 = 0;
        for (int i = 0; i < m; i++) {
            c1 += w[i];
        }
        for (int i = m; i < 2 * m; i++) {
            c2 += w[i];
        }
        c1 /= m;
        c2 /= m;
        double slope = (c2 - c1) / m;
        double[] r = new double[2 * m];
        for (int i = 0; i < 2 * m; i++) {
            double tau = i - (2 * m - 1) / 2.0;
            r[i] = w[i] - ((c1 + c2) / 2 + slope * tau);
        }
        double[] s = new double[m];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            s[j] = (r[j] + r[j + m]) / 2;
            mean += s[j] / m;
        }
        for (int j = 0; j < m; j++) {
            s[j] -= mean;
        }
        double tauLast = (2 * m - 1) - (2 * m - 1) / 2.0;
        return new Start((c1 + c2) / 2 + slope * tauLast, slope, s);
    }

    /**
     * The additive-error damped-trend model with additive season (m = 0: none) of Hyndman et al. (2008), table 2.2,
     * error-correction form, one setting, with time-indexed states (no ring):
     * <pre>
     *   ŷ_t = l_{t−1} + φ b_{t−1} + s_{t−m};  e_t = z_t − ŷ_t
     *   l_t = l_{t−1} + φ b_{t−1} + α e_t;   b_t = φ b_{t−1} + β e_t;   s_t = s_{t−m} + γ e_t
     *   ŷ_{t+h|t} = l_t + φ_h b_t + s_{t+h−m(⌊(h−1)/m⌋+1)},  φ_h = φ + φ² + … + φ^h
     * </pre>
     * States at time {@code origin} (the index of the last start-up value) are given; returns f[t][h−1], the forecast
     * of z_{t+h} made at t, for t = origin .. n−1 (rows before origin are null).
     */
    static double[][] recursion(double[] z, int origin, Start start, EtsFamily.Member p, int m, int horizon) {
        int n = z.length;
        double[] l = new double[n];
        double[] b = new double[n];
        double[] s = new double[n + m]; // s[t + m]: the season state at time t
        l[origin] = start.level();
        b[origin] = start.trend();
        for (int j = 0; j < m; j++) {
            // s_0 is the season of value origin + 1, i.e. the state s_{origin + 1 − m}
            s[origin + 1 - m + j + m] = start.season()[j];
        }
        double beta = p.alpha() * p.betaStar();
        double[][] f = new double[n][];
        for (int t = origin; t < n; t++) {
            if (t > origin) {
                double past = m > 0 ? s[t - m + m] : 0;
                double yhat = l[t - 1] + p.phi() * b[t - 1] + past;
                double e = z[t] - yhat;
                l[t] = l[t - 1] + p.phi() * b[t - 1] + p.alpha() * e;
                b[t] = p.phi() * b[t - 1] + beta * e;
                if (m > 0) {
                    s[t + m] = past + p.gamma() * e;
                }
            }
            f[t] = new double[horizon];
            double phiH = 0;
            for (int h = 1; h <= horizon; h++) {
                phiH += Math.pow(p.phi(), h);
                double season = m > 0 ? s[t + h - m * ((h - 1) / m + 1) + m] : 0;
                f[t][h - 1] = l[t] + phiH * b[t] + season;
            }
        }
        return f;
    }

    /** A positive series with a trend, a season of {@code m} (0: none) and random-walk noise; seeded. */
    static double[] series(long seed, int n, int m) {
        Random rnd = new Random(seed);
        double[] y = new double[n];
        double walk = 0;
        for (int t = 0; t < n; t++) {
            walk += 0.8 * rnd.nextGaussian();
            double season = m > 0 ? 6 * Math.sin(2 * Math.PI * t / m) + 2 * Math.cos(4 * Math.PI * t / m) : 0;
            y[t] = 120 + 0.25 * t + season + walk + 0.6 * rnd.nextGaussian();
        }
        return y;
    }

    /** Pushes every value into a fresh history and observes it with the expert, with a constant scale. */
    static ArrayHistory observeAll(OnlineExpert expert, double[] y, double scale) {
        ArrayHistory history = new ArrayHistory(400);
        for (double v : y) {
            history.push(v);
            expert.observe(history, scale);
        }
        return history;
    }

    /** The rows of a CSV resource beside the tests, split at commas, without its header. */
    static List<String[]> csv(String name) {
        try (InputStream in = Reference.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<String[]> rows = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    rows.add(lines[i].split(",", -1));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The family of that name ({@link EtsFamily#name()}); {@code period} is used by the seasonal ones only. */
    static EtsFamily family(String name, int period, int horizon) {
        return switch (name) {
            case "ses" -> EtsFamily.ses(horizon);
            case "holt" -> EtsFamily.holt(horizon);
            case "lholt" -> EtsFamily.logHolt(horizon);
            case "hw" -> EtsFamily.holtWinters(period, horizon);
            case "lhw" -> EtsFamily.logHoltWinters(period, horizon);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** |actual − expected| ≤ tol · max(1, |expected|). */
    static boolean close(double expected, double actual, double tol) {
        return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
    }
}
