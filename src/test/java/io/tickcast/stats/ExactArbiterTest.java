package io.tickcast.stats;

import static io.tickcast.stats.Golden.close;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Both double-precision paths against least squares in 50-digit decimal arithmetic
 * ({@link ExactOls}) on sampled ticks of price streams: the rolling F is within 1e-11 relative of
 * the exact F, the fresh QR F within 1e-9 (measured worst cases: 8e-13 rolling, 6e-11 QR).
 */
class ExactArbiterTest {

    @Test
    void rollingAndFreshAgreeWithExactArithmetic() {
        for (boolean intercept : new boolean[] {true, false}) {
            check(intercept, 15, 1_500, 41L, 7);
            check(intercept, 120, 3_000, 42L, 31);
            check(intercept, 1_000, 2_500, 43L, 97);
        }
    }

    private static void check(boolean intercept, int window, int ticks, long seed, int every) {
        int lags = 5;
        double[] s = Streams.prices(seed, ticks);
        RollingChow rc = new RollingChow(ChowConfig.builder().window(window).intercept(intercept).build());
        int compared = 0;
        int expected = 0;
        for (int t = 0; t < ticks; t++) {
            ChowResult r = rc.update(t, s[t]);
            if (t % every != 0 || t + 1 < window + lags) {
                continue;
            }
            // Price streams have no degenerate window: every full one is compared.
            expected++;
            if (!r.defined()) {
                continue;
            }
            compared++;
            LagDesign d = LagDesign.of(s, t + 1 - window, t + 1, lags, intercept);
            double exact = ExactOls.chowF(d.x(), d.y(), window / 2);
            String at = " (window " + window + ", intercept " + intercept + ", tick " + t + ")";
            close(exact, r.f(), 1e-11, 0, "rolling F" + at);
            close(exact, ChowTest.test(d.x(), d.y(), window / 2, 0.05).f(), 1e-9, 0, "fresh F" + at);
        }
        assertEquals(expected, compared, "sampled full windows compared (window " + window + ")");
    }
}
