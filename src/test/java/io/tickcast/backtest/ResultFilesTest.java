package io.tickcast.backtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
import io.tickcast.synth.Generator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest's output files against the list-based reference ({@link ListReference}) on generated series. */
class ResultFilesTest {

    private static final int TOLERANCE = 100;

    private static Generator.Spec spec() {
        return new Generator.Spec(Generator.Kind.SENSOR, 3, 800, 17, Instant.parse("2024-01-01T00:00:00Z"),
                Duration.ofMinutes(1), 1.0, 0.0, 0.01, 20.0, 3.0, 48, 0.0,
                List.of(new Generator.Break(300, Generator.BreakType.MEAN, 6), new Generator.Break(600, Generator.BreakType.VARIANCE, 4)));
    }

    private static TickcastConfig config(String mode) {
        return TickcastConfig.parse(Map.of(TickcastConfig.CHOW_EMIT, "all", TickcastConfig.BREAKS_MODE, mode,
                TickcastConfig.CHOW_WINDOW, "60", TickcastConfig.MODEL_HORIZON, "3", TickcastConfig.TRAIN_MIN, "40",
                TickcastConfig.TRAIN_EVERY, "20", TickcastConfig.MODEL_HIDDEN, "4"));
    }

    private static List<BreakTruth> truth(Generator.Spec spec) {
        return Generator.truth(spec).stream().map(t -> new BreakTruth(t.symbol(), t.ts(), t.kind())).toList();
    }

    /**
     * Runs the backtest over {@code points}, writing to {@code out} (telling it each symbol's end if {@code ends});
     * the reference's files go to {@code ref}. Checks that the forecasts held never exceed {@code held}.
     */
    private static Map<String, Object> runBoth(TickcastConfig config, List<Generator.Point> points, List<BreakTruth> truth,
                                               boolean ends, int held, Path out, Path ref) throws Exception {
        Files.createDirectories(out);
        Files.createDirectories(ref);
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            last.put(points.get(i).symbol(), i);
        }
        RecordList records = new RecordList();
        try (Backtest bt = new Backtest(config); ResultFiles files = ResultFiles.open(out, config, truth, TOLERANCE)) {
            bt.listen(files);
            bt.listen(records);
            int most = 0;
            for (int i = 0; i < points.size(); i++) {
                bt.tick(points.get(i).row());
                if (ends && last.get(points.get(i).symbol()) == i) {
                    bt.endOfSymbol(points.get(i).symbol());
                }
                most = Math.max(most, files.heldForecasts());
            }
            assertTrue(most <= held, "held " + most + " forecasts, expected at most " + held);
            files.finish(bt.board());
            ListReference.writeForecasts(ref.resolve(ForecastColumn.FILE), records.forecasts());
            ListReference.writeBreaks(ref.resolve(BreakColumn.FILE), records.breaks());
            Map<String, Object> summary = bt.board().toMap();
            if (truth != null) {
                ListReference.score(truth, records.breaks(), records.forecasts(), TOLERANCE, summary);
            }
            Files.write(ref.resolve(ResultFiles.SUMMARY_FILE),
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
            return summary;
        }
    }

    private static void assertSameFiles(Path expected, Path actual) throws Exception {
        for (String f : new String[] {ForecastColumn.FILE, BreakColumn.FILE, ResultFiles.SUMMARY_FILE}) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detection(Map<String, Object> summary, String symbol) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) summary.get("symbols")).get(symbol))
                .get("detection");
    }

    @Test
    void interleavedSymbolsWithTheMonitorWriteWhatTheListBasedWritersWrote(@TempDir Path dir) throws Exception {
        Generator.Spec spec = spec();
        // three symbols in turn, horizon 3: a forecast waits for its symbol's next three
        Map<String, Object> summary = runBoth(config("cusum"), Generator.generate(spec), truth(spec), false, 3 * 3 + 1,
                dir.resolve("out"), dir.resolve("ref"));
        assertSameFiles(dir.resolve("ref"), dir.resolve("out"));
        // the comparison covers detections with their dating, and false alarms
        Map<String, Object> d = detection(summary, "SYN001");
        assertTrue((int) d.get("detected") >= 1 && !((List<?>) d.get("date_errors")).isEmpty(), d.toString());
    }

    @Test
    void untoldWhereSymbolsEndTheWriterHoldsTheirLastForecastsAndWritesTheSame(@TempDir Path dir) throws Exception {
        Generator.Spec spec = spec().withBreaks(List.of()).withSymbols(2).withTicks(200);
        List<Generator.Point> bySymbol = Generator.generate(spec).stream()
                .sorted(Comparator.comparing(Generator.Point::symbol).thenComparingInt(Generator.Point::index)).toList();
        runBoth(config("cusum"), bySymbol, null, false, 200 + 3, dir.resolve("out"), dir.resolve("ref"));
        assertSameFiles(dir.resolve("ref"), dir.resolve("out"));
    }

    @Test
    void theChowTestAndSymbolsOneAfterAnotherWriteWhatTheListBasedWritersWrote(@TempDir Path dir) throws Exception {
        Generator.Spec spec = spec();
        List<Generator.Point> bySymbol = Generator.generate(spec).stream()
                .sorted(Comparator.comparing(Generator.Point::symbol).thenComparingInt(Generator.Point::index)).toList();
        // told where each symbol ends, the writer settles its last forecasts there instead of holding the next symbols'
        Map<String, Object> summary = runBoth(config("chow"), bySymbol, truth(spec), true, 3, dir.resolve("out"),
                dir.resolve("ref"));
        assertSameFiles(dir.resolve("ref"), dir.resolve("out"));
        Map<String, Object> d = detection(summary, "SYN002");
        assertTrue((int) d.get("detected") >= 1 && !((List<?>) d.get("date_errors")).isEmpty(), d.toString());
        assertEquals(2, d.get("true_breaks"));
    }
}
