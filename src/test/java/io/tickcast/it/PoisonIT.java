package io.tickcast.it;

import io.tickcast.runtime.TickcastApp;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.SchemaCheck;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 5% bad records of every kind: each is in the dead-letter topic with its reason, every valid tick is
 * forecast, and no stream thread dies.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class PoisonIT {

    private static final String[] KINDS = {"malformed_json", "missing_field", "wrong_type", "non_finite",
            "bad_timestamp", "key_mismatch", "out_of_order", "duplicate"};

    @Test
    void badRecordsGoToTheDeadLetterTopicAndNothingElseIsLost(KafkaBroker.Broker broker) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "poison");
        Random r = new Random(99);
        List<String[]> records = new ArrayList<>();
        Map<String, Integer> expectedDead = new TreeMap<>();
        int valid = 0;
        double[] v = {100, 200, 300, 400};
        long[] lastTs = new long[4];
        for (int i = 0; i < 2000; i++) {
            int s = i % 4;
            String sym = "P" + s;
            if (r.nextDouble() < 0.05) {
                String kind = KINDS[r.nextInt(KINDS.length)];
                if (lastTs[s] == 0 && (kind.equals("out_of_order") || kind.equals("duplicate"))) {
                    kind = "malformed_json"; // nothing to be older than or equal to yet
                }
                records.add(new String[] {sym, bad(kind, sym, lastTs[s])});
                expectedDead.merge(kind, 1, Integer::sum);
            } else {
                lastTs[s] += 1000;
                v[s] += r.nextGaussian();
                records.add(new String[] {sym, ItSupport.tickJson(sym, lastTs[s], v[s])});
                valid++;
            }
        }
        try (TickcastApp app = ItSupport.startApp(cfg)) {
            int threads = app.streams().metadataForLocalThreads().size();
            ItSupport.produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), records);
            int dead = expectedDead.values().stream().mapToInt(Integer::intValue).sum();
            int expectedForecasts = valid;
            List<ConsumerRecord<String, String>> dlq = ItSupport.readUntil(broker.bootstrapServers(),
                    (String) cfg.get(TickcastConfig.TOPIC_DLQ), l -> l.size() >= dead, Duration.ofMinutes(3));
            List<ConsumerRecord<String, String>> fc = ItSupport.readUntil(broker.bootstrapServers(),
                    (String) cfg.get(TickcastConfig.TOPIC_FORECASTS), l -> l.size() >= expectedForecasts, Duration.ofMinutes(3));
            Map<String, Integer> actualDead = new TreeMap<>();
            for (ConsumerRecord<String, String> rec : dlq) {
                assertEquals("", SchemaCheck.errors("dead-letter", rec.value()));
            }
            for (DeadLetter d : ItSupport.values(dlq, DeadLetter.class)) {
                actualDead.merge(d.reason(), 1, Integer::sum);
            }
            assertEquals(expectedDead, actualDead);
            assertEquals(valid, fc.size());
            assertEquals(threads, app.streams().metadataForLocalThreads().size());
            assertEquals(0.0, app.registry().get("tickcast.stream.threads.replaced").counter().count(),
                    "no stream thread died");
            Map<String, Double> counted = new HashMap<>();
            app.registry().find("tickcast.deadletters").counters()
                    .forEach(c -> counted.put(c.getId().getTag("reason"), c.count()));
            expectedDead.forEach((k, n) -> assertEquals(n.doubleValue(), counted.get(k), k));
        }
    }

    private static String bad(String kind, String sym, long lastTs) {
        return switch (kind) {
            case "malformed_json" -> "{\"symbol\": \"" + sym + "\", \"ts\": ";
            case "missing_field" -> "{\"symbol\":\"" + sym + "\",\"ts\":" + (lastTs + 1) + "}";
            case "wrong_type" -> "{\"symbol\":\"" + sym + "\",\"ts\":" + (lastTs + 1) + ",\"value\":\"high\"}";
            case "non_finite" -> "{\"symbol\":\"" + sym + "\",\"ts\":" + (lastTs + 1) + ",\"value\":1e999}";
            case "bad_timestamp" -> "{\"symbol\":\"" + sym + "\",\"ts\":\"31/12/1999\",\"value\":1}";
            case "key_mismatch" -> "{\"symbol\":\"OTHER\",\"ts\":" + (lastTs + 1) + ",\"value\":1}";
            case "out_of_order" -> "{\"symbol\":\"" + sym + "\",\"ts\":" + (lastTs - 500) + ",\"value\":1}";
            case "duplicate" -> "{\"symbol\":\"" + sym + "\",\"ts\":" + lastTs + ",\"value\":1}";
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
