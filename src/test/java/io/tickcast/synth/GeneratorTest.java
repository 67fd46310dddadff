package io.tickcast.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static double mean(double[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i];
        }
        return s / (to - from);
    }

    private static double sd(double[] x, int from, int to) {
        double m = mean(x, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (x[i] - m) * (x[i] - m);
        }
        return Math.sqrt(s / (to - from - 1));
    }

    /** Flat sensor (no sine) so the sample mean is the level. */
    private static Generator.Spec flat(List<Generator.Break> breaks) {
        return new Generator.Spec(Generator.Kind.SENSOR, 2, 2000, 7, Instant.parse("2024-01-01T00:00:00Z"),
                Duration.ofMinutes(1), 1.0, 0.0, 0.01, 10.0, 0.0, 96, 0.0, breaks);
    }

    @Test
    void meanShiftOfFiveSdShowsInTheSampleMeans() {
        Generator.Spec spec = flat(List.of(new Generator.Break(1000, Generator.BreakType.MEAN, 5)));
        for (int s = 0; s < 2; s++) {
            double[] x = Generator.series(spec, s);
            assertEquals(10.0, mean(x, 0, 1000), 0.15);
            assertEquals(15.0, mean(x, 1000, 2000), 0.15);
            assertEquals(1.0, sd(x, 0, 1000), 0.1);
            assertEquals(1.0, sd(x, 1000, 2000), 0.1);
        }
    }

    @Test
    void varianceBreakMultipliesTheNoiseSd() {
        double[] x = Generator.series(flat(List.of(new Generator.Break(1000, Generator.BreakType.VARIANCE, 3))), 0);
        assertEquals(1.0, sd(x, 0, 1000), 0.1);
        assertEquals(3.0, sd(x, 1000, 2000), 0.3);
    }

    @Test
    void arBreakChangesTheLagOneAutocorrelation() {
        double[] x = Generator.series(flat(List.of(new Generator.Break(1000, Generator.BreakType.AR, 0.8))), 0);
        assertEquals(0.0, acf1(x, 0, 1000), 0.1);
        assertEquals(0.8, acf1(x, 1000, 2000), 0.1);
    }

    private static double acf1(double[] x, int from, int to) {
        double m = mean(x, from, to);
        double num = 0;
        double den = 0;
        for (int i = from; i < to; i++) {
            den += (x[i] - m) * (x[i] - m);
            if (i > from) {
                num += (x[i] - m) * (x[i - 1] - m);
            }
        }
        return num / den;
    }

    @Test
    void gbmLogReturnsHaveTheRequestedDriftAndVol() {
        double mu = 0.001;
        double sigma = 0.02;
        Generator.Spec spec = Generator.Spec.of(Generator.Kind.PRICE).withTicks(20001).withNoise(1, mu, sigma);
        double[] p = Generator.series(spec, 0);
        assertEquals(100.0, p[0], 1e-12);
        double[] r = new double[p.length - 1];
        for (int i = 1; i < p.length; i++) {
            assertTrue(p[i] > 0);
            r[i - 1] = Math.log(p[i] / p[i - 1]);
        }
        // mean log-return mu − σ²/2, se σ/√n ≈ 1.4e-4
        assertEquals(mu - sigma * sigma / 2, mean(r, 0, r.length), 4.5e-4);
        assertEquals(sigma, sd(r, 0, r.length), 0.02 * sigma * 3);
    }

    @Test
    void deterministicForASeedAndDifferentAcrossSeedsAndSymbols() {
        Generator.Spec spec = Generator.Spec.of(Generator.Kind.SENSOR).withSymbols(3).withTicks(200);
        assertArrayEquals(Generator.series(spec, 1), Generator.series(spec, 1));
        assertFalse(java.util.Arrays.equals(Generator.series(spec, 0), Generator.series(spec, 1)));
        assertFalse(java.util.Arrays.equals(Generator.series(spec, 0), Generator.series(spec.withSeed(43), 0)));
        assertEquals(Generator.generate(spec), Generator.generate(spec));
    }

    @Test
    void interleavedByTimeWithSyntheticNames() {
        Generator.Spec spec = Generator.Spec.of(Generator.Kind.SENSOR).withSymbols(3).withTicks(4);
        List<Generator.Point> pts = Generator.generate(spec);
        assertEquals(12, pts.size());
        assertEquals(List.of("SYN001", "SYN002", "SYN003", "SYN001"), pts.subList(0, 4).stream().map(Generator.Point::symbol).toList());
        for (int i = 1; i < pts.size(); i++) {
            assertTrue(pts.get(i).ts() >= pts.get(i - 1).ts());
        }
        assertEquals(Instant.parse("2024-01-01T00:01:00Z").toEpochMilli(), pts.get(3).ts());
    }

    @Test
    void breakSpecParsingAndErrors() {
        assertEquals(new Generator.Break(500, Generator.BreakType.MEAN, 5), Generator.Break.parse("500:mean:5"));
        assertEquals(new Generator.Break(10, Generator.BreakType.AR, 0.5), Generator.Break.parse("10:AR:0.5"));
        assertThrows(IllegalArgumentException.class, () -> Generator.Break.parse("500:jump:5"));
        assertThrows(IllegalArgumentException.class, () -> Generator.Break.parse("500:mean"));
        assertThrows(IllegalArgumentException.class, () -> Generator.Break.parse("10:ar:1.5"));
        assertThrows(IllegalArgumentException.class, () -> Generator.Break.parse("10:variance:0"));
    }

    @Test
    void seriesArePinned() {
        // Values of the generator before the samplers were shared (synth.Gaussian, synth.Gbm): generate's
        // output is a contract, the same seed must give the same ticks bit for bit.
        Generator.Spec price = Generator.Spec.of(Generator.Kind.PRICE).withTicks(6).withSeed(9)
                .withBreaks(List.of(Generator.Break.parse("3:variance:2")));
        assertArrayEquals(new double[] {100.00000000000004, 100.54497947905729, 100.74965249589523, 98.18615946122107,
                100.54988186346175, 99.01066146167236}, Generator.series(price, 1));
        Generator.Spec sensor = Generator.Spec.of(Generator.Kind.SENSOR).withTicks(6).withSeed(4)
                .withBreaks(List.of(Generator.Break.parse("3:ar:0.5")));
        assertArrayEquals(new double[] {17.9943665079264, 19.153393216874033, 19.740166857977933, 20.304268044941182,
                19.36469026772173, 19.34136473300678}, Generator.series(sensor, 0));
    }
}
