package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tickcast.serde.Json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {

    private static final double EPS = 1e-9;

    /** Two symbols × 12 ticks, interleaved, daily. */
    private static Map<String, double[]> handMade(Path csv) throws Exception {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("AAA", new double[] {10, 11, 10.5, 12, 13, 12.5, 12, 14, 15, 14.5, 16, 15});
        series.put("BBB", new double[] {100, 98, 99, 101, 105, 104, 103, 108, 107, 110, 109, 111});
        StringBuilder sb = new StringBuilder("symbol,ts,value\n");
        for (int i = 0; i < 12; i++) {
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                sb.append(e.getKey()).append(",2024-01-").append(String.format("%02d", i + 1)).append(',')
                        .append(e.getValue()[i]).append('\n');
            }
        }
        Files.writeString(csv, sb.toString());
        return series;
    }

    @Test
    void persistenceOnlySummaryMatchesHandComputation(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ticks.csv");
        Map<String, double[]> series = handMade(csv);
        Path out = dir.resolve("bt");
        CliRun r = CliRun.run("backtest", "--csv", csv.toString(), "--out", out.toString(),
                "--set", "experts.statistical=false", "--set", "experts.lstm=false", "--set", "model.horizon=2");
        assertEquals(0, r.code(), r.err());

        // forecasts.csv: symbol,ts,step,forecast,lower,upper,persistence,actual,...
        List<String> lines = Files.readAllLines(out.resolve("forecasts.csv"));
        assertEquals("symbol,ts,step,forecast,lower,upper,persistence,actual,source,ticks,updates,train_loss", lines.get(0));
        Map<String, List<String[]>> bySymbol = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            bySymbol.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
        }
        JsonNode summary = Json.mapper().readTree(out.resolve("summary.json").toFile()).get("symbols");
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            List<String[]> rows = bySymbol.get(e.getKey());
            assertEquals(24, rows.size(), "12 forecasts × 2 steps");
            int inside = 0;
            for (String[] f : rows) {
                int step = Integer.parseInt(f[2]);
                int i = (int) ((Long.parseLong(f[1]) - Long.parseLong(rows.get(0)[1])) / 86_400_000L);
                assertEquals("persistence", f[8]);
                assertEquals(v[i], Double.parseDouble(f[3]), EPS, "persistence forecast is the last value");
                assertEquals(v[i], Double.parseDouble(f[6]), EPS);
                if (i + step < 12) {
                    assertEquals(v[i + step], Double.parseDouble(f[7]), EPS, "actual is the value 'step' ticks later");
                    if (step == 1) {
                        double lo = Double.parseDouble(f[4]);
                        double hi = Double.parseDouble(f[5]);
                        if (v[i + 1] >= lo && v[i + 1] <= hi) {
                            inside++;
                        }
                    }
                } else {
                    assertEquals("", f[7], "no actual beyond the end");
                }
            }
            double se = 0;
            double ae = 0;
            for (int i = 0; i + 1 < 12; i++) {
                double d = v[i + 1] - v[i];
                se += d * d;
                ae += Math.abs(d);
            }
            JsonNode s = summary.get(e.getKey());
            assertNotNull(s, e.getKey());
            assertEquals(11, s.get("n").asLong());
            assertEquals(Math.sqrt(se / 11), s.get("rmse").asDouble(), EPS);
            assertEquals(ae / 11, s.get("mae").asDouble(), EPS);
            assertEquals(Math.sqrt(se / 11), s.get("persistence_rmse").asDouble(), EPS);
            assertEquals(1.0, s.get("mase").asDouble(), EPS);
            assertEquals(inside / 11.0, s.get("coverage").asDouble(), EPS);
            assertEquals(0, s.get("lstm_forecasts").asLong());
        }
    }

    @Test
    void detectsAGeneratedMeanShiftWithADelay(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("syn.csv");
        CliRun g = CliRun.run("generate", "--kind", "sensor", "--ticks", "400", "--seed", "11", "--amplitude", "2",
                "--break", "200:mean:6", "--csv", csv.toString());
        assertEquals(0, g.code(), g.err());
        Path out = dir.resolve("bt");
        CliRun r = CliRun.run("backtest", "--csv", csv.toString(), "--truth", csv + ".truth.csv", "--out", out.toString(),
                "--set", "chow.window=60", "--set", "train.min=100000");
        assertEquals(0, r.code(), r.err());
        JsonNode d = Json.mapper().readTree(out.resolve("summary.json").toFile()).at("/symbols/SYN001/detection");
        assertEquals(1, d.get("true_breaks").asInt(), d.toString());
        assertEquals(1, d.get("detected").asInt(), d.toString());
        int delay = d.get("delays").get(0).asInt();
        assertTrue(delay >= 0 && delay <= 60, "delay " + delay);
        assertEquals(delay, d.get("mean_delay").asDouble(), EPS);
    }

    @Test
    void aFileSortedBySymbolGivesTheSameFilesFromDiskAndFromStandardInput(@TempDir Path dir) throws Exception {
        // from a file each symbol's end is known and its last forecasts are written there; from standard input only
        // at the end of the run: the bytes are the same
        StringBuilder sb = new StringBuilder("symbol,ts,value\n");
        for (String sym : new String[] {"AAA", "BBB", "CCC"}) {
            for (int i = 0; i < 40; i++) {
                sb.append(sym).append(',').append(1_700_000_000_000L + 60_000L * i).append(',')
                        .append(100 + (i * 7 + sym.charAt(0)) % 13).append('\n');
            }
        }
        Path csv = dir.resolve("sorted.csv");
        Files.writeString(csv, sb);
        String[] set = {"--set", "experts.lstm=false", "--set", "model.horizon=3"};
        CliRun file = CliRun.run(concat(new String[] {"backtest", "--csv", csv.toString(), "--out", dir.resolve("file").toString()}, set));
        assertEquals(0, file.code(), file.err());
        java.io.InputStream stdin = System.in;
        CliRun piped;
        try {
            System.setIn(new java.io.ByteArrayInputStream(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            piped = CliRun.run(concat(new String[] {"backtest", "--csv", "-", "--out", dir.resolve("stdin").toString()}, set));
        } finally {
            System.setIn(stdin);
        }
        assertEquals(0, piped.code(), piped.err());
        for (String f : new String[] {"forecasts.csv", "breaks.csv", "summary.json"}) {
            assertEquals(Files.readString(dir.resolve("file").resolve(f)), Files.readString(dir.resolve("stdin").resolve(f)), f);
        }
        assertEquals(1 + 3 * 40 * 3, Files.readAllLines(dir.resolve("file").resolve("forecasts.csv")).size());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
