package io.tickcast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bench horizon} end to end on two small hourly series with a daily cycle. */
class HorizonCommandTest {

    private static final long HOUR = 3_600_000L;

    /** Two series of 120 hourly values (a daily cycle and noise), interleaved; their next 6 in the test file. */
    private static void write(Path train, Path test) throws Exception {
        SplittableRandom rng = new SplittableRandom(22);
        StringBuilder tr = new StringBuilder("symbol,ts,value\n");
        StringBuilder te = new StringBuilder("symbol,step,value\n");
        for (int t = 0; t < 126; t++) {
            for (String s : new String[] {"H1", "H2"}) {
                double v = (s.equals("H1") ? 100 : 50) * (2 + Math.sin(2 * Math.PI * t / 24)) + rng.nextDouble();
                if (t < 120) {
                    tr.append(s).append(',').append(1_420_416_000_000L + t * HOUR).append(',').append(v).append('\n');
                } else {
                    te.append(s).append(',').append(t - 119).append(',').append(v).append('\n');
                }
            }
        }
        Files.writeString(train, tr);
        Files.writeString(test, te);
    }

    private static JsonNode summary(CliRun r) throws Exception {
        String[] lines = r.out().strip().split("\n");
        return Json.mapper().readTree(lines[lines.length - 1]);
    }

    @Test
    void tickcastIsScoredWithItsIntervalsAtTheTestFilesHorizon(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        write(train, test);
        CliRun r = CliRun.run("bench", "horizon", "--train", train.toString(), "--test", test.toString(),
                "--set", "experts.lstm=false");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("1-6"), r.out());
        JsonNode s = summary(r);
        assertEquals("tickcast", s.get("method").asText());
        assertEquals(2, s.get("series").asInt());
        assertEquals(6, s.get("horizon").asInt());
        assertEquals(24, s.get("season").asInt());
        assertEquals(12, s.get("points").asInt());
        assertEquals(0.95, s.get("level").asDouble());
        assertTrue(s.get("coverage").isNumber() && s.get("msis").isNumber(), s.toString());
        assertTrue(s.get("owa").asDouble() > 0, s.toString());
        assertTrue(s.get("by_series") == null, "without --series, the totals and bands only");

        CliRun bySeries = CliRun.run("bench", "horizon", "--train", train.toString(), "--test", test.toString(),
                "--set", "experts.lstm=false", "--series");
        assertEquals(0, bySeries.code(), bySeries.err());
        assertTrue(bySeries.out().contains("\nH2 "), bySeries.out());
        JsonNode h1 = summary(bySeries).get("by_series").get("H1");
        assertEquals(6, h1.get("points").asInt());
        // The same forecasts as without --series: the run is deterministic.
        assertEquals(s.get("smape"), summary(bySeries).get("smape"));
    }

    @Test
    void aLastTickTheTopologyRejectsIsAnErrorNotAnEarlierForecast(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        write(train, test);
        // out of order: a dead letter, so H1's latest forecast is not from its last tick
        Files.writeString(train, Files.readString(train) + "H1,1420416000000,5\n");
        CliRun r = CliRun.run("bench", "horizon", "--train", train.toString(), "--test", test.toString(),
                "--set", "experts.lstm=false");
        assertTrue(r.code() != 0);
        assertTrue(r.err().contains("H1") && r.err().contains("made no forecast"), r.err());
    }

    @Test
    void aBenchmarkMethodWithoutAFileIsNaive2ComputedHere(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        write(train, test);
        CliRun r = CliRun.run("bench", "horizon", "--train", train.toString(), "--test", test.toString(),
                "--method", "Naive2", "--json", "--season", "24");
        assertEquals(0, r.code(), r.err());
        JsonNode s = summary(r);
        assertEquals(1, r.out().strip().split("\n").length, "--json: the summary line only");
        assertEquals(1.0, s.get("owa").asDouble(), 1e-12);
        assertTrue(s.get("coverage") == null, "no intervals for a benchmark method");
        CliRun unknown = CliRun.run("bench", "horizon", "--train", train.toString(), "--test", test.toString(),
                "--method", "Theta");
        assertTrue(unknown.code() != 0, unknown.err());
    }
}
