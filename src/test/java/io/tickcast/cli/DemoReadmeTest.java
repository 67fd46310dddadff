package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tickcast.backtest.Backtest;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.synth.DemoStreams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The README's quick-start summary of {@code demo}, for the generated streams: the same topology under
 * {@link Backtest} over the same ticks prints the same rows (symbols do not share state, so the indices beside them
 * change nothing). When the forecasts change, paste the rows of a new {@code ./tickcast demo} into README.md.
 */
class DemoReadmeTest {

    @Test
    void theReadmeShowsWhatTheDemoPrintsForTheGeneratedStreams() throws Exception {
        String table;
        try (Backtest bt = new Backtest(TickcastConfig.defaults())) {
            for (TickCsv.Row r : DemoStreams.replay(List.of())) {
                bt.tick(r);
            }
            table = bt.board().table(DemoStreams.truth());
        }
        Map<String, String> expected = rows(table);
        String readme = Files.readString(Path.of("README.md"));
        Map<String, String> quoted = rows(readme.substring(readme.indexOf("## Quick start"), readme.indexOf("## The live page")));
        assertEquals(expected.keySet(), DemoStreams.truth().keySet());
        expected.forEach((symbol, row) -> assertEquals(row, quoted.get(symbol), "README.md's quick start, " + symbol
                + ": paste the rows of a new ./tickcast demo (backtest over the same ticks prints:\n" + table + ")"));
    }

    /** Symbol → its summary row, for the generated streams' rows of {@code text}. */
    private static Map<String, String> rows(String text) {
        return text.lines().filter(l -> DemoStreams.truth().keySet().stream().anyMatch(s -> l.startsWith(s + " ")))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), String::strip));
    }
}
