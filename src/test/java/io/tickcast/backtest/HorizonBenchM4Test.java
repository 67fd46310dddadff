package io.tickcast.backtest;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The metric code against the figures of {@code /work/shared/data/horizon/README.md}: the M4 organisers' benchmark
 * forecasts on the development halves, scored here, reproduce the README's table to its three decimals, and Naive2
 * computed here ({@link Naive2}) scores as the organisers' does. Skipped where the shared data is absent (CI);
 * {@link HorizonScoreTest} checks the same code on hand-computed fixtures everywhere.
 */
class HorizonBenchM4Test {

    private static final Path DATA = Path.of(System.getProperty("tickcast.horizon.data", "/work/shared/data/horizon"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "hourly, Naive2, 18.224, 2.432, 1.000",
            "hourly, sNaive, 13.979, 1.233, 0.637",
            "hourly, SES,    17.839, 2.420, 0.987",
            "weekly, Naive2,  9.537, 2.915, 1.000",
            "weekly, sNaive,  9.537, 2.915, 1.000",
            "weekly, SES,     9.365, 2.835, 0.977"})
    void benchmarkMethodsReproduceTheReadmeTable(String freq, String method, double smape, double mase, double owa)
            throws Exception {
        HorizonData data = data(freq, true);
        HorizonBench.Result r = HorizonBench.score(method, data, data.season(), 0,
                HorizonBench.benchmark(data, method, data.season()));
        assertEquals(smape, r.score().total().smape(), 5e-4, "sMAPE");
        assertEquals(mase, r.score().total().mase(), 5e-4, "MASE");
        assertEquals(owa, r.owa(), 5e-4, "OWA");
    }

    @ParameterizedTest
    @CsvSource({"hourly, 18.224, 2.432", "weekly, 9.537, 2.915"})
    void naive2ComputedHereScoresAsTheOrganisers(String freq, double smape, double mase) throws Exception {
        HorizonData data = data(freq, false);
        HorizonBench.Result r = HorizonBench.score(HorizonBench.NAIVE2, data, data.season(), 0,
                HorizonBench.benchmark(data, HorizonBench.NAIVE2, data.season()));
        assertEquals(smape, r.score().total().smape(), 5e-4, "sMAPE");
        assertEquals(mase, r.score().total().mase(), 5e-4, "MASE");
        assertEquals(1.0, r.owa(), 1e-12, "OWA of Naive2 against itself");
    }

    private static HorizonData data(String freq, boolean benchmarks) throws Exception {
        Path train = DATA.resolve(freq + "-train.csv");
        Assumptions.assumeTrue(Files.isReadable(train),
                "the M4 development half is not at " + DATA + " (set -Dtickcast.horizon.data): skipped");
        return HorizonData.read(train, DATA.resolve(freq + "-test.csv"),
                benchmarks ? DATA.resolve(freq + "-benchmarks.csv") : null);
    }
}
