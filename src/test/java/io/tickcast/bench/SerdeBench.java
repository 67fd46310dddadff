package io.tickcast.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;
import io.tickcast.serde.TickParser;
import io.tickcast.serde.TickParserReference;

/**
 * The JSON work of one tick on the stream thread, before and after the streaming rewrite: writing its forecast
 * ({@code forecastMapper}: reflective {@code ObjectMapper.writeValueAsBytes}; {@code forecastWriter}:
 * {@code Json.toBytes}, i.e. {@code OutputWriter}) and parsing the tick ({@code tickTree}: {@code readTree},
 * kept as {@code TickParserReference}; {@code tickStreaming}: {@code TickParser}). Controls give the floor
 * under each: {@code forecastDoublesOnly} formats the forecast's doubles with Java 17's {@code Double.toString} (as
 * the generator did before the Schubfach writer), {@code forecastShortestDoublesOnly} with {@code ShortestDouble}
 * (as {@code OutputWriter} does now), {@code tickTokensOnly} creates a parser and reads the tokens.
 * Run: {@code ./mvnw -q -Pbench test-compile exec:exec -Djmh.args="SerdeBench -f 1 -wi 3 -i 5 -prof gc"}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SerdeBench {

    /** A scored, trained forecast with {@code horizon} steps. */
    @State(Scope.Thread)
    public static class Forecasts {
        @Param({"1", "5"})
        public int horizon;

        Forecast forecast;

        @Setup
        public void setUp() {
            List<Forecast.Step> steps = new ArrayList<>();
            for (int h = 1; h <= horizon; h++) {
                steps.add(new Forecast.Step(h, 18342.25 + 3.1 * h, 18298.731 - h, 18385.769 + h, 18342.25, 1_700_000_000_000L + h * 60_000L));
            }
            forecast = new Forecast("DAX", 1_718_000_000_000L, 18342.25, steps, "lstm", false, 12_345, 190,
                    0.0123456789, new Forecast.Score(250, 31.415926, 24.1, 33.9, 25.7, 0.948, 0.95), 7,
                    java.util.Map.of("persistence", 0.2, "holt", 0.5, "ar_l", 0.3), 0.8, null);
        }
    }

    /** A tick whose {@code ts} is epoch milliseconds or an ISO-8601 date-time. */
    @State(Scope.Thread)
    public static class Ticks {
        @Param({"epoch", "iso"})
        public String ts;

        byte[] tick;

        @Setup
        public void setUp() {
            String tsJson = ts.equals("iso") ? "\"2024-06-10T06:13:20Z\"" : "1718000000000";
            tick = ("{\"symbol\":\"DAX\",\"ts\":" + tsJson + ",\"value\":18342.25}").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public byte[] forecastMapper(Forecasts s) throws JsonProcessingException {
        return Json.mapper().writeValueAsBytes(s.forecast);
    }

    @Benchmark
    public byte[] forecastWriter(Forecasts s) {
        return Json.toBytes(s.forecast);
    }

    @Benchmark
    public TickParser.Result tickTree(Ticks s) {
        return TickParserReference.parse("DAX", s.tick);
    }

    @Benchmark
    public TickParser.Result tickStreaming(Ticks s) {
        return TickParser.parse("DAX", s.tick);
    }

    /** Control: only the {@code Double.toString} calls that writing the forecast makes. */
    @Benchmark
    public int forecastDoublesOnly(Forecasts s) {
        Forecast f = s.forecast;
        int chars = length(f.value()) + length(f.trainLoss());
        for (Forecast.Step step : f.steps()) {
            chars += length(step.forecast()) + length(step.lower()) + length(step.upper()) + length(step.persistence());
        }
        Forecast.Score score = f.score();
        return chars + length(score.rmse()) + length(score.mae()) + length(score.persistenceRmse())
                + length(score.persistenceMae()) + length(score.coverage()) + length(score.level());
    }

    /** Control: only the shortest-round-trip writes of the same doubles (what {@code OutputWriter} writes them with). */
    @Benchmark
    public int forecastShortestDoublesOnly(Forecasts s) {
        Forecast f = s.forecast;
        int chars = SHORTEST.format(f.value()) + SHORTEST.format(f.trainLoss());
        for (Forecast.Step step : f.steps()) {
            chars += SHORTEST.format(step.forecast()) + SHORTEST.format(step.lower()) + SHORTEST.format(step.upper())
                    + SHORTEST.format(step.persistence());
        }
        Forecast.Score score = f.score();
        return chars + SHORTEST.format(score.rmse()) + SHORTEST.format(score.mae())
                + SHORTEST.format(score.persistenceRmse()) + SHORTEST.format(score.persistenceMae())
                + SHORTEST.format(score.coverage()) + SHORTEST.format(score.level());
    }

    private static final io.tickcast.serde.ShortestDouble SHORTEST = new io.tickcast.serde.ShortestDouble();

    /** Control: a parser over the tick, its tokens and the value's double, nothing checked or built. */
    @Benchmark
    public double tickTokensOnly(Ticks s) throws IOException {
        double sum = 0;
        try (JsonParser p = Json.mapper().getFactory().createParser(s.tick)) {
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                    sum += p.getDoubleValue();
                }
            }
        }
        return sum;
    }

    private static int length(double d) {
        return Double.toString(d).length();
    }
}
