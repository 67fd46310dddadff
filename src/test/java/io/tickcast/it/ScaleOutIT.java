package io.tickcast.it;

import io.tickcast.runtime.TickcastApp;
import io.tickcast.config.TickcastConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances share 4 partitions; when one stops, its symbols move to the other, whose restored
 * models carry on: every forecast equals the uninterrupted run's.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class ScaleOutIT {

    @Test
    void symbolsMoveToTheSurvivorAndContinueExactly(KafkaBroker.Broker broker, @TempDir Path dir) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "scale");
        cfg.put(TickcastConfig.TRAIN_EVERY, "16");
        cfg.put(TickcastConfig.TRAIN_MIN, "40");
        cfg.put(TickcastConfig.TOPIC_PARTITIONS, "4");
        List<String[]> ticks = ItSupport.randomWalks(8, 300, 5);
        int half = ticks.size() / 2;
        Map<String, List<String>> expected = ItSupport.reference(cfg, ticks);
        String forecasts = (String) cfg.get(TickcastConfig.TOPIC_FORECASTS);
        String input = (String) cfg.get(TickcastConfig.TOPIC_TICKS);

        Map<String, Object> a = new HashMap<>(cfg);
        a.put("state.dir", dir.resolve("a").toString());
        Map<String, Object> b = new HashMap<>(cfg);
        b.put("state.dir", dir.resolve("b").toString());
        try (TickcastApp survivor = ItSupport.startApp(a)) {
            TickcastApp leaver = ItSupport.startApp(b);
            try {
                awaitBothActive(survivor, leaver);
                ItSupport.produce(broker.bootstrapServers(), input, ticks.subList(0, half));
                ItSupport.readUntil(broker.bootstrapServers(), forecasts, l -> l.size() >= half, Duration.ofMinutes(3));
                assertTrue(activeTasks(leaver) > 0 && activeTasks(survivor) > 0, "both instances held partitions");
            } finally {
                leaver.close();
            }
            ItSupport.produce(broker.bootstrapServers(), input, ticks.subList(half, ticks.size()));
            List<ConsumerRecord<String, String>> out = ItSupport.readUntil(broker.bootstrapServers(), forecasts,
                    l -> l.size() >= ticks.size(), Duration.ofMinutes(3));
            assertEquals(ticks.size(), out.size());
            assertEquals(4, activeTasks(survivor), "the survivor took over every partition");
            assertEquals(expected, ItSupport.canonical(out));
        }
    }

    static long activeTasks(TickcastApp app) {
        return app.streams().metadataForLocalThreads().stream().mapToLong(t -> t.activeTasks().size()).sum();
    }

    static void awaitBothActive(TickcastApp x, TickcastApp y) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (x.streams().state() == KafkaStreams.State.RUNNING && y.streams().state() == KafkaStreams.State.RUNNING
                    && activeTasks(x) + activeTasks(y) >= 4 && activeTasks(x) > 0 && activeTasks(y) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two instances did not share the partitions");
    }
}
