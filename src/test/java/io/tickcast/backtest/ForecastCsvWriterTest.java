package io.tickcast.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.serde.Forecast;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** forecasts.csv written as forecasts come out: the same bytes as from the whole list, holding only a few. */
class ForecastCsvWriterTest {

    private static Forecast forecast(String symbol, long ts, double value, int horizon) {
        List<Forecast.Step> steps = new ArrayList<>();
        for (int h = 1; h <= horizon; h++) {
            steps.add(new Forecast.Step(h, value + h, value - 1, value + h + 1, value, null));
        }
        return new Forecast(symbol, ts, value, steps, "holt", false, ts, 0, ts % 3 == 0 ? null : 0.5, null, 1, null, null, null);
    }

    @Test
    void interleavedSymbolsGiveTheListsBytesAndHoldAboutHorizonTimesSymbols(@TempDir Path dir) throws Exception {
        Random r = new Random(11);
        List<Forecast> all = new ArrayList<>();
        StringWriter out = new StringWriter();
        int most = 0;
        try (ForecastCsvWriter w = new ForecastCsvWriter(out)) {
            for (int t = 0; t < 3000; t++) {
                for (String s : new String[] {"A", "B"}) {
                    Forecast f = forecast(s, t, Math.round(r.nextGaussian() * 1000) / 100.0, 4);
                    all.add(f);
                    w.forecast(f);
                    most = Math.max(most, w.held());
                }
            }
        }
        // A's forecast waits for A's next four, and B's (arrived between) wait behind it
        assertTrue(most <= 2 * 4 + 1, "held " + most);
        ListReference.writeForecasts(dir.resolve("ref.csv"), all);
        assertEquals(Files.readString(dir.resolve("ref.csv")), out.toString());
    }

    @Test
    void theEndOfASymbolSettlesItsLastForecastsWithEmptyActuals(@TempDir Path dir) throws Exception {
        List<Forecast> all = new ArrayList<>();
        StringWriter out = new StringWriter();
        try (ForecastCsvWriter w = new ForecastCsvWriter(out)) {
            for (int t = 0; t < 3; t++) {
                all.add(forecast("A", t, t, 2));
                w.forecast(all.get(all.size() - 1));
            }
            assertEquals(2, w.held(), "A's last two wait for actuals");
            w.endOfSymbol("A");
            assertEquals(0, w.held());
            assertTrue(out.toString().endsWith("\nA,2,2,4.0,1.0,5.0,2.0,,holt,2,0,0.5\n"), out.toString());
            for (int t = 0; t < 500; t++) {
                all.add(forecast("B", t, t, 2));
                w.forecast(all.get(all.size() - 1));
                assertTrue(w.held() <= 2, "B's forecasts do not wait behind A's");
            }
            assertThrows(IllegalStateException.class, () -> w.forecast(forecast("A", 9, 9, 2)));
        }
        ListReference.writeForecasts(dir.resolve("ref.csv"), all);
        assertEquals(Files.readString(dir.resolve("ref.csv")), out.toString());
    }

    @Test
    void stepsAreOneBased() throws Exception {
        try (ForecastCsvWriter w = new ForecastCsvWriter(new StringWriter())) {
            Forecast f = new Forecast("A", 1, 1, List.of(new Forecast.Step(0, 1, 0, 2, 1, null)), "holt", false, 1, 0, null,
                    null, 1, null, null, null);
            assertThrows(IllegalArgumentException.class, () -> w.forecast(f));
        }
    }
}
