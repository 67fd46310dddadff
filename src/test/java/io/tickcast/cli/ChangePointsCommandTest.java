package io.tickcast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.serde.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bench changepoints} end to end on a tiny data set: SHIFT (120 daily values, mean 10 then 20 from index 60,
 * noise of sd 1; annotated at 60 and 61), FLAT (120 values of mean 10, nobody saw a change) and OTHER (not
 * annotated). Published scores: amoc's made up, zero's SHIFT's true one and FLAT's a wrong one.
 */
class ChangePointsCommandTest {

    private static void series(StringBuilder b, String symbol, int n, int shiftAt, SplittableRandom rng) {
        LocalDate day = LocalDate.of(2000, 1, 1);
        for (int t = 0; t < n; t++) {
            double v = (t >= shiftAt ? 20 : 10) + (rng.nextDouble() + rng.nextDouble() + rng.nextDouble() - 1.5) * 2;
            b.append(symbol).append(',').append(day.plusDays(t)).append(',').append(v).append('\n');
        }
    }

    private static Path data(Path dir) throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        for (String[] s : new String[][] {{"SHIFT", "60"}, {"FLAT", "1000"}, {"OTHER", "1000"}}) {
            StringBuilder b = new StringBuilder("symbol,ts,value\n");
            series(b, s[0], 120, Integer.parseInt(s[1]), rng);
            Files.writeString(dir.resolve(s[0] + ".csv"), b);
        }
        Files.writeString(dir.resolve("annotations.json"),
                "{\"SHIFT\": {\"1\": [60], \"2\": [61]}, \"FLAT\": {\"1\": [], \"2\": []}}");
        Files.writeString(dir.resolve("published.json"), "{\"SHIFT\": {\"amoc\": {\"f1\": 0.9, \"cover\": 0.8},"
                + " \"zero\": {\"f1\": 0.6667, \"cover\": 0.5001}}, \"FLAT\": {\"amoc\": {\"f1\": 1.0, \"cover\": 1.0},"
                + " \"zero\": {\"f1\": 0.5, \"cover\": 1.0}}}");
        return dir;
    }

    private static CliRun bench(Path dir, String... more) {
        String[] base = {"bench", "changepoints", "--data", dir.toString(), "--annotations",
                dir.resolve("annotations.json").toString(), "--published", dir.resolve("published.json").toString(),
                "--set", "experts.lstm=false"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.run(args);
    }

    @Test
    void anObviousShiftIsDetectedWhereItHappenedAndScoresAboveZero(@TempDir Path dir) throws Exception {
        data(dir);
        CliRun r = bench(dir, "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: OTHER.csv: series OTHER has no annotations: skipped"), r.err());
        JsonNode root = Json.mapper().readTree(r.out());
        assertEquals("cusum", root.get("detector").get("breaks.mode").asText());
        assertTrue(root.get("detector").has("breaks.alpha"), root.toString());
        assertEquals(5, root.get("margin").asInt());
        assertEquals(2, root.get("series").size(), "FLAT and SHIFT, not OTHER");

        JsonNode flat = root.get("series").get(0);
        assertEquals("FLAT", flat.get("series").asText());
        assertEquals(120, flat.get("n").asInt());
        assertEquals(0, flat.get("signals").asInt(), flat.toString());
        assertEquals(1.0, flat.get("tickcast").get("f1").asDouble());
        assertEquals(1.0, flat.get("zero").get("cover").asDouble());

        JsonNode shift = root.get("series").get(1);
        assertEquals("SHIFT", shift.get("series").asText());
        assertEquals(1, shift.get("signals").asInt(), shift.toString());
        // The signal's estimated break, not the tick it signalled at: within one index of 60 (the margin is 5).
        int location = shift.get("locations").get(0).asInt();
        assertTrue(Math.abs(location - 60) <= 1, shift.toString());
        assertTrue(shift.get("delay_mean").asDouble() >= 1, shift.toString());
        double f1 = shift.get("tickcast").get("f1").asDouble();
        double zero = shift.get("zero").get("f1").asDouble();
        // Zero: T* = {0, 60, 61}, X = {0}: P = 1, R = 1/2, F1 = 2/3. Detected: P = 2/2, R = 1, F1 = 1.
        assertEquals(2.0 / 3, zero, 1e-12);
        assertEquals(1.0, f1, 1e-12, shift.toString());
        assertTrue(f1 > zero);
        assertTrue(shift.get("tickcast").get("cover").asDouble() > shift.get("zero").get("cover").asDouble());
        assertEquals(0.9, shift.get("amoc").get("f1").asDouble());
        // SHIFT's published zero is the computed one (cover: (0.5 + (61² + 59²)/120²)/2 = 0.5001); FLAT's is not.
        assertFalse(r.err().contains("SHIFT: the published zero"), r.err());
        assertTrue(r.err().contains("warning: FLAT: the published zero scores F1 0.5000, cover 1.0000 differ from the "
                + "computed F1 1.0000, cover 1.0000"), r.err());

        JsonNode mean = root.get("mean");
        assertEquals(2, mean.get("series").asInt());
        assertEquals("all", mean.get("over").asText(), "without a catalog, every series");
        assertEquals((1.0 + f1) / 2, mean.get("tickcast").get("f1").asDouble(), 1e-12);
        assertEquals((1.0 + zero) / 2, mean.get("zero").get("f1").asDouble(), 1e-12);
        assertEquals((1.0 + 0.9) / 2, mean.get("amoc").get("f1").asDouble(), 1e-12);

        // The table: the same figures, readable.
        CliRun table = bench(dir);
        assertEquals(0, table.code(), table.err());
        String[] lines = table.out().split("\n");
        assertTrue(lines[0].startsWith("bench changepoints: 2 series, breaks.mode=cusum breaks.alpha="), lines[0]);
        assertTrue(lines[1].matches("series +avg +n +sig +delay +tickcast +zero +amoc +locations"), lines[1]);
        assertTrue(lines[3].matches("FLAT +yes +120 +0 +- +- +1\\.000 1\\.000 +1\\.000 1\\.000 +1\\.000 1\\.000 *"), lines[3]);
        assertTrue(lines[4].matches("SHIFT +yes +120 +1 .* 1\\.000 \\d\\.\\d{3} +0\\.667 \\d\\.\\d{3} +0\\.900 0\\.800 +"
                + location), lines[4]);
        assertTrue(lines[5].matches("mean of 2 series +1\\.000 \\d\\.\\d{3} +0\\.833 0\\.750 +0\\.950 0\\.900 *"), lines[5]);
    }

    @Test
    void aCatalogChoosesTheAveragedSeriesAndSeriesSelectsFiles(@TempDir Path dir) throws Exception {
        data(dir);
        Files.writeString(dir.resolve("catalog.json"), "{\"SHIFT\": {\"n\": 120, \"averaged\": true},"
                + " \"FLAT\": {\"n\": 120, \"averaged\": false}}");
        CliRun r = bench(dir, "--json", "--series", "FLAT", "SHIFT");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("OTHER"), r.err());
        JsonNode root = Json.mapper().readTree(r.out());
        assertEquals(1, root.get("mean").get("series").asInt());
        assertEquals("averaged", root.get("mean").get("over").asText());
        assertEquals(root.get("series").get(1).get("tickcast"), root.get("mean").get("tickcast"));

        Files.writeString(dir.resolve("catalog.json"), "{\"SHIFT\": {\"n\": 100, \"averaged\": true}}");
        CliRun wrongN = bench(dir, "--series", "SHIFT");
        assertEquals(2, wrongN.code());
        assertTrue(wrongN.err().contains("SHIFT has 120 observations, the catalog says 100"), wrongN.err());
    }

    @Test
    void theDetectorsModeAndSettingsAreInTheHeader(@TempDir Path dir) throws Exception {
        data(dir);
        CliRun r = bench(dir, "--series", "SHIFT", "--set", "breaks.mode=chow", "--set", "chow.window=40");
        assertEquals(0, r.code(), r.err());
        String header = r.out().lines().findFirst().orElseThrow();
        assertTrue(header.contains("breaks.mode=chow") && header.contains("chow.window=40"), header);
    }

    @Test
    void clearErrors(@TempDir Path dir) throws Exception {
        data(dir);
        CliRun noFile = CliRun.run("bench", "changepoints", "--data", dir.toString(), "--annotations",
                dir.resolve("missing.json").toString());
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().contains("error: --annotations " + dir.resolve("missing.json") + ": no such file"),
                noFile.err());
        CliRun noSeries = bench(dir, "--series", "NOPE");
        assertEquals(2, noSeries.code());
        assertTrue(noSeries.err().contains("--series NOPE: no file"), noSeries.err());
        CliRun onlyUnannotated = bench(dir, "--series", "OTHER");
        assertEquals(2, onlyUnannotated.code());
        assertTrue(onlyUnannotated.err().contains("no annotated series"), onlyUnannotated.err());
        Files.writeString(dir.resolve("annotations.json"), "{\"SHIFT\": {\"1\": [60, 130]}}");
        CliRun outside = bench(dir, "--series", "SHIFT");
        assertEquals(2, outside.code());
        assertTrue(outside.err().contains("change point 130 is outside the series' 0..119"), outside.err());
    }
}
