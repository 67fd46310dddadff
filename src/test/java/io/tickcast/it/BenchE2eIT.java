package io.tickcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickcast.cli.CliRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code tickcast bench e2e} against a real broker, small enough for CI: one JSON object per guarantee, in the
 * order asked, with the feed it ran; every figure it prints is a measurement — positive and finite where present
 * (a CPU per tick the bench could not measure is left out, never printed as 0); the latency phase delivered
 * forecasts (p50 ≤ p99); the stores hold the symbols' state.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class BenchE2eIT {

    private static final List<String> CPU_FIELDS = List.of("forecaster_stream_cpu_us_per_tick",
            "passthrough_stream_cpu_us_per_tick", "stream_cpu_ratio");

    @Test
    void printsAMeasurementPerGuaranteeAndNothingItDidNotMeasure(KafkaBroker.Broker broker) throws Exception {
        CliRun r = CliRun.run("bench", "e2e", "--bootstrap", broker.bootstrapServers(), "--symbols", "5",
                "--ticks", "2000", "--passthrough-ticks", "2000", "--repeat", "1", "--warmup-rounds", "1",
                "--latency-ticks", "50", "--latency-rate", "100", "--feed", "seasonal",
                "--guarantee", "exactly_once_v2,at_least_once");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();
        String[] guarantees = {"exactly_once_v2", "at_least_once"};
        for (int i = 0; i < 2; i++) {
            Map<String, Object> m = json.readValue(lines.get(i), new TypeReference<>() { });
            assertEquals(guarantees[i], m.get("guarantee"), lines.get(i));
            assertEquals("seasonal", m.get("feed"), lines.get(i));
            assertEquals(5, ((Number) m.get("symbols")).intValue());
            // The forecaster is far slower than its consumer: its CPU per tick is always measured.
            assertTrue(m.containsKey("forecaster_stream_cpu_us_per_tick"), lines.get(i));
            for (String f : CPU_FIELDS) {
                if (m.containsKey(f)) {
                    double v = ((Number) m.get(f)).doubleValue();
                    assertTrue(v > 0 && Double.isFinite(v), f + " = " + v + " is not a measurement: " + lines.get(i));
                }
            }
            assertTrue(((Number) m.get("forecaster_ticks_per_s")).doubleValue() > 0, lines.get(i));
            assertTrue(((Number) m.get("passthrough_ticks_per_s")).doubleValue() > 0, lines.get(i));
            double p50 = ((Number) m.get("latency_p50_ms")).doubleValue();
            double p99 = ((Number) m.get("latency_p99_ms")).doubleValue();
            assertTrue(p50 >= 0 && p50 <= p99 && p99 < 60_000, "latency " + p50 + " / " + p99);
            assertTrue(((Number) m.get("changelog_bytes_per_tick")).doubleValue() > 0, lines.get(i));
            @SuppressWarnings("unchecked")
            Map<String, Number> state = (Map<String, Number>) m.get("state_bytes_per_symbol");
            assertTrue(state.get("tickcast-series").doubleValue() > 0, lines.get(i));
            assertFalse(lines.get(i).contains("NaN") || lines.get(i).contains("Infinity"), lines.get(i));
        }
    }
}
