package io.tickcast.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.backtest.BreakTruth;
import io.tickcast.cli.CliRun;
import io.tickcast.csv.TickCsv;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void generateCommandWritesCsvAndTruth(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("syn.csv");
        CliRun r = CliRun.run("generate", "--kind", "price", "--symbols", "2", "--ticks", "300", "--seed", "3",
                "--start", "2020-01-01", "--step", "P1D", "--break", "100:mean:2", "--break", "200:variance:3",
                "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<TickCsv.Row> rows;
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            rows = TickCsv.read(in, 0);
        }
        assertEquals(600, rows.size());
        assertEquals("2020-01-01", rows.get(0).ts());
        assertEquals("2020-01-02", rows.get(2).ts());
        List<String> truth = Files.readAllLines(dir.resolve("syn.csv.truth.csv"));
        assertEquals(List.of("symbol,ts,kind,size,tick_index",
                "SYN001,2020-04-10,mean,2.0,100", "SYN001,2020-07-19,variance,3.0,200",
                "SYN002,2020-04-10,mean,2.0,100", "SYN002,2020-07-19,variance,3.0,200"), truth);
        List<BreakTruth> parsed = BreakTruth.read(dir.resolve("syn.csv.truth.csv"));
        assertEquals(4, parsed.size());
        assertEquals("variance", parsed.get(1).kind());
        // the truth's timestamp is the tick's
        assertEquals(rows.get(200).ts(), "2020-04-10");
    }

    @Test
    void generateCommandErrors(@TempDir Path dir) {
        CliRun r = CliRun.run("generate", "--ticks", "10");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--csv"), r.err());
        r = CliRun.run("generate", "--ticks", "10", "--break", "50:mean:1", "--csv", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("beyond --ticks"), r.err());
        r = CliRun.run("generate", "--kind", "weather", "--csv", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sensor or price"), r.err());
        r = CliRun.run("generate", "--step", "1 minute", "--csv", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("PT1M"), r.err());
    }
}
