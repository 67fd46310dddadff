package io.tickcast.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Coverage of the default intervals (level 0.9, window 100, γ 0.03, half-life 30) through a volatility break:
 * 3000 ticks with errors of standard deviation 1, then 3000 with 3 (N(0, 1) then N(0, 3²)). The forecaster is
 * either zero on i.i.d. values or persistence on a random walk with drift 0.5 (its errors are then biased); the
 * normaliser is either the class's (ς after 5 residuals, fallback 1) or a constant 1 (ACI and the window alone).
 *
 * <p>Measured, for each tick t: whether y_t fell in the interval made before it arrived (warm-up included).
 * Asserted, for 5 seeds each: the coverage over all 6000 ticks is within 0.88–0.92; over the 500 ticks after the
 * break it is at least 0.80; and the ACI guarantee on the rounds where the level was updated (T of them, from the
 * 11th score on): {@code |mean(miss) − α₀| ≤ (max(α₁, 1 − α₁) + γ)/(γT)} with α₁ = α₀ = 0.1 — together with the
 * identity it comes from, {@code mean(miss) = α₀ − (α_{T+1} − α₁)/(γT)}.
 */
class AdaptiveConformalCoverageTest {

    private static final int BREAK = 3000;
    private static final int TICKS = 6000;
    private static final int AFTER = 500;

    @ParameterizedTest(name = "{0} normalised={1} seed={2}")
    @CsvSource({
        "ZERO, true, 1", "ZERO, true, 2", "ZERO, true, 3", "ZERO, true, 4", "ZERO, true, 5",
        "ZERO, false, 1", "ZERO, false, 2", "ZERO, false, 3", "ZERO, false, 4", "ZERO, false, 5",
        "PERSISTENCE, true, 1", "PERSISTENCE, true, 2", "PERSISTENCE, true, 3", "PERSISTENCE, true, 4",
        "PERSISTENCE, true, 5", "PERSISTENCE, false, 1", "PERSISTENCE, false, 2", "PERSISTENCE, false, 3",
        "PERSISTENCE, false, 4", "PERSISTENCE, false, 5"
    })
    void coverageNearTheLevelThroughAVolatilityBreak(String forecaster, boolean normalised, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        AdaptiveConformal conf = new AdaptiveConformal();
        boolean persistence = forecaster.equals("PERSISTENCE");
        double alpha0 = 1.0 - AdaptiveConformal.DEFAULT_LEVEL;
        double gamma = AdaptiveConformal.DEFAULT_GAMMA;
        double previous = 0.0;
        int misses = 0;
        int missesAfter = 0;
        int updates = 0;
        int missesUpdated = 0;
        for (int t = 0; t < TICKS; t++) {
            double sd = t < BREAK ? 1.0 : 3.0;
            double forecast = persistence ? previous : 0.0;
            double y = (persistence ? previous + 0.5 : 0.0) + sd * rnd.nextGaussian();
            double nu = normalised ? conf.normaliser(1.0) : 1.0;
            double half = conf.halfWidth(nu);
            boolean miss = !(forecast - half <= y && y <= forecast + half);
            boolean updated = Math.min(conf.scoreCount() + 1, AdaptiveConformal.DEFAULT_WINDOW) > 10;
            conf.learn(y, forecast, forecast - half, forecast + half, nu);
            misses += miss ? 1 : 0;
            if (t >= BREAK && t < BREAK + AFTER) {
                missesAfter += miss ? 1 : 0;
            }
            if (updated) {
                updates++;
                missesUpdated += miss ? 1 : 0;
            }
            previous = y;
        }
        double coverage = 1.0 - (double) misses / TICKS;
        assertTrue(coverage >= 0.88 && coverage <= 0.92, "coverage " + coverage);
        double coverageAfter = 1.0 - (double) missesAfter / AFTER;
        assertTrue(coverageAfter >= 0.80, "coverage in the " + AFTER + " ticks after the break " + coverageAfter);
        double meanMiss = (double) missesUpdated / updates;
        assertEquals(alpha0 - (conf.missLevel() - alpha0) / (gamma * updates), meanMiss, 1e-12, "the ACI identity");
        double bound = (Math.max(alpha0, 1.0 - alpha0) + gamma) / (gamma * updates);
        assertTrue(Math.abs(meanMiss - alpha0) <= bound,
                "|mean(miss) − α| = " + Math.abs(meanMiss - alpha0) + " > " + bound + " (T = " + updates + ")");
    }
}
