package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Runs {@code tickcast model ...} on a model exported by {@code golden/make_golden.py} and compares with torch. */
class ModelCommandTest {
    private static final double TOL = 1e-10;

    private static Path golden(String name) {
        try {
            return Path.of(ModelCommandTest.class.getResource("/io/tickcast/model/golden/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void predictMatchesTorchOnPlainAndTickInput() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(golden("predict_b.json").toFile()).get("windows");
        for (String input : new String[] {"series_b.txt", "ticks_b.csv"}) {
            CliRun r = run("model", "predict", "--weights", golden("model_b.json").toString(),
                    "--input", golden(input).toString(), "--timesteps", "5");
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(expected.size(), lines.size());
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                JsonNode row = expected.get(i);
                assertEquals(row.get("index").intValue(), Integer.parseInt(cells[0]));
                assertEquals(1 + row.get("output").size(), cells.length);
                for (int j = 0; j < row.get("output").size(); j++) {
                    assertEquals(row.get("output").get(j).doubleValue(), Double.parseDouble(cells[1 + j]), TOL);
                }
            }
        }
    }

    @Test
    void impulseMatchesTorch() throws Exception {
        JsonNode e = new ObjectMapper().readTree(golden("impulse_b.json").toFile());
        CliRun r = run("model", "impulse", "--weights", golden("model_b.json").toString(), "--steps", "30");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(31, lines.size());
        assertTrue(lines.get(0).startsWith("step,input,i_0,"), lines.get(0));
        String[] keys = {"input_gate", "forget_gate", "output_gate", "cell", "hidden", "forecast"};
        for (int t = 0; t < 30; t++) {
            String[] cells = lines.get(t + 1).split(",");
            assertEquals(t, Integer.parseInt(cells[0]));
            assertEquals(e.get("input").get(t).doubleValue(), Double.parseDouble(cells[1]), 0.0);
            int col = 2;
            for (String k : keys) {
                for (JsonNode v : e.get(k).get(t)) {
                    assertEquals(v.doubleValue(), Double.parseDouble(cells[col++]), TOL, k + " at step " + t);
                }
            }
            assertEquals(cells.length, col);
        }
    }

    @Test
    void impulseOfARandomModel() {
        CliRun r = run("model", "impulse", "--seed", "7", "--hidden", "3", "--steps", "4");
        assertEquals(0, r.code(), r.err());
        assertEquals(5, r.out().lines().count());
        assertEquals(2 + 5 * 3 + 1, r.out().lines().skip(1).findFirst().orElseThrow().split(",").length);
    }

    @Test
    void badFilesGiveClearErrors(@TempDir Path dir) throws Exception {
        CliRun missing = run("model", "predict", "--weights", dir.resolve("nope.json").toString(),
                "--input", golden("series_b.txt").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("error: no such file: ") && missing.err().contains("nope.json"), missing.err());

        Path broken = dir.resolve("broken.json");
        java.nio.file.Files.writeString(broken, "{\"lstm.weight_ih_l0\": [[1.0]], \"head.weight\": [[1.0]]}");
        CliRun bad = run("model", "impulse", "--weights", broken.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("lstm.weight_ih_l0"), bad.err());

        Path text = dir.resolve("values.txt");
        java.nio.file.Files.writeString(text, "1.0\nabc\n");
        CliRun nan = run("model", "predict", "--weights", golden("model_b.json").toString(), "--input", text.toString());
        assertEquals(2, nan.code());
        assertTrue(nan.err().contains("values.txt:2"), nan.err());
    }
}
