package io.tickcast.it;

import io.tickcast.runtime.TickcastApp;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.Random;
import java.util.TreeMap;
import io.tickcast.backtest.Backtest;
import io.tickcast.backtest.BacktestListener;
import io.tickcast.csv.TickCsv;
import io.tickcast.serde.Forecast;
import java.util.function.Predicate;

/** Helpers shared by the integration tests: unique topic sets, producing ticks, reading outputs. */
final class ItSupport {

    private ItSupport() {
    }

    /** A configuration with its own application id and topics, so tests sharing a broker never interfere. */
    static Map<String, Object> isolatedConfig(KafkaBroker.Broker broker, String name) {
        String id = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> m = new HashMap<>();
        m.put(TickcastConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
        m.put(TickcastConfig.APPLICATION_ID, id);
        m.put(TickcastConfig.TOPIC_TICKS, id + "-ticks");
        m.put(TickcastConfig.TOPIC_FORECASTS, id + "-forecasts");
        m.put(TickcastConfig.TOPIC_BREAKS, id + "-breaks");
        m.put(TickcastConfig.TOPIC_DLQ, id + "-dlq");
        m.put(TickcastConfig.TOPIC_REPLICATION, "1");
        m.put(TickcastConfig.HTTP_PORT, "0");
        m.put("commit.interval.ms", "100");
        return m;
    }

    static void produce(String bootstrap, String topic, List<String[]> keyValues) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String[] kv : keyValues) {
                producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            }
            producer.flush();
        }
    }

    static String tickJson(String symbol, long ts, double value) {
        return "{\"symbol\":\"" + symbol + "\",\"ts\":" + ts + ",\"value\":" + value + "}";
    }

    /** Reads a topic from the beginning with read_committed until {@code done} holds or the timeout passes. */
    static List<ConsumerRecord<String, String>> readUntil(String bootstrap, String topic,
                                                          Predicate<List<ConsumerRecord<String, String>>> done,
                                                          Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // Linger: a duplicate or a stray record would arrive after the expected ones.
            long lingerEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < lingerEnd) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    static <T> List<T> values(List<ConsumerRecord<String, String>> records, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                out.add(Json.mapper().readValue(r.value(), type));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** Ticks of a seeded random walk per symbol, interleaved by time: {key, json}. */
    static List<String[]> randomWalks(int symbols, int perSymbol, long seed) {
        Random r = new Random(seed);
        double[] v = new double[symbols];
        java.util.Arrays.fill(v, 100);
        List<String[]> ticks = new ArrayList<>();
        for (int t = 1; t <= perSymbol; t++) {
            for (int s = 0; s < symbols; s++) {
                v[s] += r.nextGaussian() + 0.05 * Math.sin(t / 7.0);
                ticks.add(new String[] {"S" + s, tickJson("S" + s, t * 60_000L, Math.round(v[s] * 1e4) / 1e4)});
            }
        }
        return ticks;
    }

    /**
     * The forecasts of an uninterrupted run of the same configuration over the same ticks (the
     * production topology under TopologyTestDriver), as canonical JSON per symbol in order.
     */
    static Map<String, List<String>> reference(Map<String, Object> config, List<String[]> ticks) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Backtest bt = new Backtest(TickcastConfig.parse(config))) {
            bt.listen(new BacktestListener() {
                @Override
                public void forecast(Forecast f) {
                    out.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(Json.toString(f));
                }
            });
            for (String[] kv : ticks) {
                io.tickcast.serde.Tick tick = io.tickcast.serde.TickParser.parse(kv[0],
                        kv[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)).tick();
                if (tick != null) {
                    bt.tick(new TickCsv.Row(0, tick.symbol(), Long.toString(tick.ts()), Double.toString(tick.value())));
                }
            }
        }
        return out;
    }

    /** Forecast records as canonical JSON per symbol, in the order read. */
    static Map<String, List<String>> canonical(List<ConsumerRecord<String, String>> records) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Forecast f : values(records, Forecast.class)) {
            out.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(Json.toString(f));
        }
        return out;
    }

    static TickcastApp startApp(Map<String, Object> config) throws InterruptedException {
        TickcastApp app = TickcastApp.start(TickcastConfig.parse(config), null);
        if (!app.awaitRunning(Duration.ofSeconds(90))) {
            app.close();
            throw new IllegalStateException("topology did not reach RUNNING");
        }
        return app;
    }
}
