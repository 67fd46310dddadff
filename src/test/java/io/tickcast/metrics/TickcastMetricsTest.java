package io.tickcast.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickcastMetricsTest {

    @Test
    void symbolLabelsAreBoundedAndTheRestAggregatedAsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TickcastMetrics m = new TickcastMetrics(registry, 3);
        for (int i = 0; i < 10_000; i++) {
            m.symbol("S" + i).ticks.increment();
        }
        Set<String> labels = registry.find("tickcast.ticks").counters().stream()
                .map(c -> c.getId().getTag("symbol")).collect(Collectors.toSet());
        assertEquals(Set.of("S0", "S1", "S2", "other"), labels);
        assertEquals(9_997.0, registry.get("tickcast.ticks").tag("symbol", "other").counter().count());
        // An admitted symbol keeps its label.
        m.symbol("S1").ticks.increment();
        assertEquals(2.0, registry.get("tickcast.ticks").tag("symbol", "S1").counter().count());
    }

    @Test
    void everyMeterHasADescriptionAndABaseUnit() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TickcastMetrics m = new TickcastMetrics(registry, 10);
        m.symbol("X").scores(1.0, 2.0, 0.9);
        m.deadLetter("duplicate");
        m.trained(1_000_000, 1, 1);
        m.latencyMillis(5);
        for (Meter meter : registry.getMeters()) {
            if (meter.getId().getName().endsWith(".percentile")) {
                continue; // derived by Micrometer from a timer's publishPercentiles
            }
            assertNotNull(meter.getId().getDescription(), meter.getId().getName());
            assertFalse(meter.getId().getDescription().isBlank(), meter.getId().getName());
            if (!(meter instanceof io.micrometer.core.instrument.Timer)) {
                assertNotNull(meter.getId().getBaseUnit(), meter.getId().getName());
            }
        }
        assertEquals(1.0, registry.get("tickcast.train.skipped").counter().count());
        assertEquals(2.0, registry.get("tickcast.forecast.rmse").tag("model", "persistence").gauge().value());
        assertTrue(registry.get("tickcast.deadletters").tag("reason", "duplicate").counter().count() == 1.0);
    }
}
