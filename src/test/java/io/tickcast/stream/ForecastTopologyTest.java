package io.tickcast.stream;

import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.SchemaCheck;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastTopologyTest {

    /** The task idling that waits on the (usually empty) rekey partition is off unless configured (issue 24 item 5). */
    @Test
    void taskIdlingIsDisabledUnlessConfigured() {
        io.tickcast.metrics.TickcastMetrics m = io.tickcast.metrics.TickcastMetrics.bind(
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), 0);
        Map<String, Object> props = ForecastTopology.streamsProperties(io.tickcast.config.TickcastConfig.defaults(), m);
        assertEquals(-1L, props.get(org.apache.kafka.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG));
        Map<String, Object> set = ForecastTopology.streamsProperties(io.tickcast.config.TickcastConfig.parse(
                Map.of("max.task.idle.ms", "0")), m);
        assertEquals("0", String.valueOf(set.get(org.apache.kafka.streams.StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)));
    }

    @Test
    void everyValidTickGetsExactlyOneForecastInOrderPerSymbol() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            Random r = new Random(1);
            for (int t = 1; t <= 50; t++) {
                for (String s : List.of("A", "B", "C")) {
                    h.tick(s, t * 1000L, 100 + r.nextGaussian());
                }
            }
            List<Forecast> fs = h.readForecasts();
            assertEquals(150, fs.size());
            Map<String, List<Forecast>> bySymbol = fs.stream().collect(Collectors.groupingBy(Forecast::symbol));
            for (List<Forecast> list : bySymbol.values()) {
                assertEquals(50, list.size());
                for (int i = 0; i < list.size(); i++) {
                    assertEquals((i + 1) * 1000L, list.get(i).ts());
                    assertEquals(i + 1, list.get(i).ticks());
                }
            }
        }
    }

    @Test
    void warmUpForecastsArePersistenceWithAnInterval() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            double[] values = {10, 11, 10.5, 12, 11.5, 11.7, 12.2, 12.0, 11.1, 11.4, 11.9, 12.3, 12.8};
            for (int i = 0; i < values.length; i++) {
                h.tick("X", i + 1, values[i]);
            }
            List<Forecast> fs = h.readForecasts();
            // The panel of experts is built at the sixth tick, when the period is inferred from the timestamps.
            for (int i = 5; i < values.length; i++) {
                assertFalse(fs.get(i).warmup());
                assertTrue(fs.get(i).experts().containsKey(fs.get(i).source()), fs.get(i).toString());
            }
            for (int i = 0; i < 5; i++) {
                Forecast f = fs.get(i);
                assertEquals("persistence", f.source());
                assertTrue(f.warmup());
                assertEquals(values[i], f.steps().get(0).forecast());
                assertEquals(values[i], f.steps().get(0).persistence());
                assertTrue(f.steps().get(0).lower() <= f.steps().get(0).forecast());
                assertTrue(f.steps().get(0).upper() >= f.steps().get(0).forecast());
            }
            // Interval wider than zero once the scale of the changes is known.
            assertTrue(fs.get(5).steps().get(0).upper() > fs.get(5).steps().get(0).lower());
            // The rolling score of persistence equals the hand-computed one over the first 5 changes.
            Forecast.Score sc = fs.get(5).score();
            double se = 0;
            for (int i = 1; i <= 5; i++) {
                se += Math.pow(values[i] - values[i - 1], 2);
            }
            assertEquals(5, sc.n());
            assertEquals(Math.sqrt(se / 5), sc.rmse(), 1e-12);
            assertEquals(sc.rmse(), sc.persistenceRmse(), 1e-12);
        }
    }

    @Test
    void badTicksGoToTheDeadLetterTopicWithTheirReasonAndTheStreamGoesOn() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.tick("A", 10, 1.0);
            h.ticks.pipeInput("A", "{oops");
            h.ticks.pipeInput("A", "{\"symbol\":\"A\",\"ts\":11}");
            h.ticks.pipeInput("A", "{\"symbol\":\"A\",\"ts\":11,\"value\":\"x\"}");
            h.ticks.pipeInput("A", "{\"symbol\":\"A\",\"ts\":11,\"value\":1e400}");
            h.ticks.pipeInput("A", "{\"symbol\":\"A\",\"ts\":\"tomorrow\",\"value\":1}");
            h.ticks.pipeInput("B", "{\"symbol\":\"A\",\"ts\":11,\"value\":1}");
            h.tick("A", 5, 1.0);   // older than the last tick
            h.tick("A", 10, 1.0);  // same ts as the last tick
            h.tick("A", 11, 2.0);
            List<DeadLetter> dead = h.readDeadLetters();
            assertEquals(List.of("malformed_json", "missing_field", "wrong_type", "non_finite", "bad_timestamp",
                    "key_mismatch", "out_of_order", "duplicate"), dead.stream().map(DeadLetter::reason).toList());
            assertEquals("{oops", dead.get(0).value());
            assertEquals(2, h.readForecasts().size());
            assertEquals(1.0, h.registry.get("tickcast.deadletters").tag("reason", "duplicate").counter().count());
        }
    }

    @Test
    void aTickWithoutKeyIsRekeyedBySymbol() {
        try (TopologyHarness h = new TopologyHarness(Map.of())) {
            h.ticks.pipeInput((String) null, "{\"symbol\":\"Z\",\"ts\":1,\"value\":3.0}");
            h.tick("Z", 2, 4.0);
            List<TestRecord<String, String>> recs = h.forecastRecords();
            assertEquals(List.of("Z", "Z"), recs.stream().map(TestRecord::key).toList());
            List<Forecast> fs = TopologyHarness.parse(recs, Forecast.class);
            assertEquals(2, fs.get(1).ticks());
        }
    }

    @Test
    void everyRecordTheTopologyWritesMatchesItsSchema() {
        try (TopologyHarness h = new TopologyHarness(Map.of("chow.emit", "all", "train.min", "40", "train.every", "8"))) {
            Random r = new Random(3);
            double v = 100;
            for (int t = 1; t <= 300; t++) {
                v += r.nextGaussian() + (t > 150 ? 0.8 : 0);
                h.tick("S", t, v);
            }
            h.ticks.pipeInput("S", "nope");
            h.ticks.pipeInput("S", new String(new byte[0]));
            int checked = 0;
            for (var out : List.of(h.forecasts, h.breaks, h.dlq)) {
                for (TestRecord<String, String> rec : out.readRecordsToList()) {
                    String kind = out == h.forecasts ? "forecast" : out == h.breaks ? "break" : "dead-letter";
                    assertEquals("", SchemaCheck.errors(kind, rec.value()), rec.value());
                    checked++;
                }
            }
            assertTrue(checked >= 302, "checked " + checked);
        }
    }
}
