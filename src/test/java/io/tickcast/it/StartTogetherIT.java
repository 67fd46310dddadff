package io.tickcast.it;

import io.tickcast.config.TickcastConfig;
import io.tickcast.runtime.TickcastApp;
import io.tickcast.runtime.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Instances that start at the same moment against a cluster without tickcast's topics all come up: whichever creates a
 * topic first, the others find it created (TopicExistsException is success), and the group shares the partitions.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class StartTogetherIT {

    @Test
    void topicCreationRacesAreSuccess(KafkaBroker.Broker broker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                TickcastConfig c = TickcastConfig.parse(ItSupport.isolatedConfig(broker, "race"));
                Map<String, Object> props = c.streamsProperties();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> all = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    all.add(pool.submit(() -> {
                        go.await();
                        Topics.createMissing(c, props, (short) 1);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : all) {
                    f.get(60, TimeUnit.SECONDS); // throws if an instance's start-up failed
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoInstancesStartingTogetherBothComeUpAndShareTheWork(KafkaBroker.Broker broker, @TempDir Path dir)
            throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "together");
        cfg.put(TickcastConfig.TOPIC_PARTITIONS, "4");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<TickcastApp> apps = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TickcastApp>> starting = new ArrayList<>();
            for (String name : new String[] {"a", "b"}) {
                Map<String, Object> c = new HashMap<>(cfg);
                c.put("state.dir", dir.resolve(name).toString());
                starting.add(pool.submit(() -> {
                    go.await();
                    return TickcastApp.start(TickcastConfig.parse(c), null);
                }));
            }
            go.countDown();
            for (Future<TickcastApp> f : starting) {
                apps.add(f.get(2, TimeUnit.MINUTES));
            }
            ScaleOutIT.awaitBothActive(apps.get(0), apps.get(1));
            List<String[]> ticks = ItSupport.randomWalks(8, 20, 3);
            ItSupport.produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), ticks);
            List<ConsumerRecord<String, String>> out = ItSupport.readUntil(broker.bootstrapServers(),
                    (String) cfg.get(TickcastConfig.TOPIC_FORECASTS), l -> l.size() >= ticks.size(), Duration.ofMinutes(2));
            assertEquals(ticks.size(), out.size());
            for (TickcastApp app : apps) {
                assertEquals(KafkaStreams.State.RUNNING, app.streams().state());
            }
        } finally {
            apps.forEach(TickcastApp::close);
            pool.shutdownNow();
        }
    }
}
