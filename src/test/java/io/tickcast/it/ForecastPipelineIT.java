package io.tickcast.it;

import io.tickcast.runtime.TickcastApp;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.SchemaCheck;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** End to end against a real broker: ticks in, exactly one forecast per valid tick out, in order per symbol. */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class ForecastPipelineIT {

    @Test
    void nTicksForMSymbolsGiveOneForecastPerTickInOrder(KafkaBroker.Broker broker) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "pipeline");
        int symbols = 6;
        int perSymbol = 200;
        List<String[]> ticks = new ArrayList<>();
        Random r = new Random(11);
        double[] v = new double[symbols];
        for (int t = 1; t <= perSymbol; t++) {
            for (int s = 0; s < symbols; s++) {
                v[s] += r.nextGaussian();
                ticks.add(new String[] {"S" + s, ItSupport.tickJson("S" + s, t * 60_000L, 100 + v[s])});
            }
        }
        try (TickcastApp app = ItSupport.startApp(cfg)) {
            ItSupport.produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), ticks);
            List<ConsumerRecord<String, String>> out = ItSupport.readUntil(broker.bootstrapServers(),
                    (String) cfg.get(TickcastConfig.TOPIC_FORECASTS), l -> l.size() >= ticks.size(), Duration.ofMinutes(3));
            assertEquals(ticks.size(), out.size());
            for (ConsumerRecord<String, String> rec : out) {
                assertEquals("", SchemaCheck.errors("forecast", rec.value()));
            }
            Map<String, List<Forecast>> bySymbol = ItSupport.values(out, Forecast.class).stream()
                    .collect(Collectors.groupingBy(Forecast::symbol));
            assertEquals(symbols, bySymbol.size());
            for (List<Forecast> fs : bySymbol.values()) {
                assertEquals(perSymbol, fs.size());
                for (int i = 0; i < fs.size(); i++) {
                    assertEquals((i + 1) * 60_000L, fs.get(i).ts());
                }
            }
        }
    }
}
