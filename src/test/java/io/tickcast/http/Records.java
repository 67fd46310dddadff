package io.tickcast.http;

import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;

import java.util.List;
import java.util.Map;

/** Forecast and break records for the tests of the page's data. */
final class Records {

    private Records() {
    }

    /** A one-step forecast made at {@code ts} for a tick of {@code value}: the forecast is value + 0.5, ± 2. */
    static Forecast forecast(String symbol, long ts, double value, Map<String, Double> experts) {
        Forecast.Step step = new Forecast.Step(1, value + 0.5, value - 1.5, value + 2.5, value, null);
        Forecast.Score score = new Forecast.Score(10, 1.2, 1.0, 1.5, 1.1, 0.9, 0.9);
        String source = experts == null ? "persistence" : experts.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new Forecast(symbol, ts, value, List.of(step), source, experts == null, ts, 0, null, score, 1,
                experts, experts == null ? null : 0.5, null);
    }

    static Forecast forecast(String symbol, long ts, double value) {
        return forecast(symbol, ts, value, Map.of("persistence", 0.25, "holt", 0.75));
    }

    static BreakSignal breakSignal(String symbol, long ts, boolean signal) {
        return BreakSignal.chow(symbol, ts, ts - 10, 5.0, 2.0, 0.01, 0.05, 40, 3, "fixed", signal);
    }
}
