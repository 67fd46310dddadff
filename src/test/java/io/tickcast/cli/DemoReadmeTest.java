package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.backtest.Backtest;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.synth.DemoStreams;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quoted summaries of the demo's ticks are what the product prints for them: the README's quick start (every row
 * of {@code ./tickcast demo}'s summary) and docs/benchmarks.md's {@code ./tickcast backtest} table of the bundled
 * indices. The demo's ticks run here through the same topology under {@link Backtest} (symbols do not share state,
 * so the interleaving changes nothing). When the forecasts change, paste the rows of a new {@code ./tickcast demo}
 * into README.md and of {@code ./tickcast backtest --csv src/main/resources/data/eustockmarkets.csv --out /tmp/bt}
 * into docs/benchmarks.md.
 */
class DemoReadmeTest {

    private static final Set<String> INDICES = Set.of("CAC", "DAX", "FTSE", "SMI");

    /** What {@code demo} prints: the table with the dated and truth columns. */
    private static String demoTable;
    /** What {@code backtest} prints: the table without them. */
    private static String backtestTable;

    @BeforeAll
    static void runTheDemosTicks() throws Exception {
        List<TickCsv.Row> indices;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(DemoCommand.class.getResourceAsStream(DemoCommand.BUNDLED)),
                StandardCharsets.UTF_8))) {
            indices = TickCsv.read(in, 0);
        }
        try (Backtest bt = new Backtest(TickcastConfig.defaults())) {
            for (TickCsv.Row r : DemoStreams.replay(indices)) {
                bt.tick(r);
            }
            demoTable = bt.board().table(DemoCommand.truth(bt.board()));
            backtestTable = bt.board().table();
        }
    }

    @Test
    void theReadmeQuickStartShowsWhatTheDemoPrints() throws Exception {
        Map<String, String> expected = rows(demoTable);
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf("## Quick start");
        assertTrue(from >= 0 && readme.indexOf("\n## ", from + 1) > from, "README.md has no '## Quick start' section");
        Map<String, String> quoted = rows(readme.substring(from, readme.indexOf("\n## ", from + 1)));
        assertEquals(8, expected.size(), demoTable);
        assertEquals(expected.keySet(), quoted.keySet(), "README.md's quick start: the symbols of ./tickcast demo");
        expected.forEach((symbol, row) -> assertEquals(row, quoted.get(symbol), "README.md's quick start, " + symbol
                + ": paste the rows of a new ./tickcast demo (the same ticks through the topology print:\n"
                + demoTable + ")"));
    }

    @Test
    void docsBenchmarksShowsWhatBacktestPrintsForTheBundledIndices() throws Exception {
        String doc = Files.readString(Path.of("docs/benchmarks.md"));
        String command = "./tickcast backtest --csv src/main/resources/data/eustockmarkets.csv --out /tmp/bt";
        int from = doc.indexOf(command);
        assertTrue(from >= 0, "docs/benchmarks.md no longer quotes " + command);
        int block = doc.indexOf("```", from);
        String quotedBlock = doc.substring(block, doc.indexOf("```", block + 3));
        Map<String, String> quoted = words(rows(quotedBlock));
        Map<String, String> expected = words(rows(backtestTable));
        expected.keySet().retainAll(INDICES);
        assertEquals(expected, quoted, "docs/benchmarks.md's backtest table of the bundled indices: paste the rows of "
                + command + " (the same ticks through the topology print:\n" + backtestTable + ")");
    }

    /** Symbol → its summary row, for the demo's symbols' rows of {@code text}. */
    private static Map<String, String> rows(String text) {
        Set<String> symbols = new java.util.HashSet<>(INDICES);
        symbols.addAll(DemoStreams.truth().keySet());
        return text.lines().filter(l -> symbols.stream().anyMatch(s -> l.startsWith(s + " ")))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), String::strip));
    }

    /** The rows with their columns' padding taken out (the symbol column's width depends on the longest symbol). */
    private static Map<String, String> words(Map<String, String> rows) {
        return rows.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> String.join(" ", Arrays.asList(e.getValue().split("\\s+")))));
    }
}
