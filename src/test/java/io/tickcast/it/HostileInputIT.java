package io.tickcast.it;

import io.tickcast.config.TickcastConfig;
import io.tickcast.runtime.TickcastApp;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;
import io.tickcast.serde.Limits;
import io.tickcast.serde.SchemaCheck;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile corpus — oversized fields, symbols and keys, invalid UTF-8 in key and value, unpaired surrogates, control
 * characters, extreme doubles, every timestamp form, empty values, tombstones, missing keys — interleaved with good
 * ticks on a real broker under exactly-once, one partition, so that every record's fate is known by its offset. The
 * application never stops; every input is a forecast or a dead letter, exactly, with the expected reason; dead
 * letters are bounded; no output holds NaN or Infinity; and symbols that differ only in invalid characters never share
 * a state.
 */
@Tag("integration")
@ExtendWith(KafkaBroker.class)
class HostileInputIT {

    /** A record to send: key and value bytes (either may be null), and its expected fate. */
    private record Input(byte[] key, byte[] value, String reason, String symbol, Long ts) {
        static Input good(String symbol, boolean keyed, long ts, String value) {
            String json = "{\"symbol\":" + Json.toString(symbol) + ",\"ts\":" + ts + ",\"value\":" + value + "}";
            return new Input(keyed ? utf8(symbol) : null, utf8(json), null, symbol, ts);
        }

        static Input bad(byte[] key, byte[] value, String reason) {
            return new Input(key, value, reason, null, null);
        }

        static Input bad(String key, String value, String reason) {
            return bad(key == null ? null : utf8(key), value == null ? null : utf8(value), reason);
        }
    }

    private static final Pattern NON_FINITE = Pattern.compile("NaN|Infinity");

    @Test
    void everyRecordIsAForecastOrABoundedDeadLetterAndTheStreamNeverStops(KafkaBroker.Broker broker) throws Exception {
        Map<String, Object> cfg = ItSupport.isolatedConfig(broker, "hostile");
        cfg.put(TickcastConfig.TOPIC_PARTITIONS, "1");
        List<Input> inputs = corpus();

        try (TickcastApp app = ItSupport.startApp(cfg)) {
            int threads = app.streams().metadataForLocalThreads().size();
            produce(broker.bootstrapServers(), (String) cfg.get(TickcastConfig.TOPIC_TICKS), inputs);
            long expectedDead = inputs.stream().filter(i -> i.reason() != null).count();
            long expectedForecasts = inputs.size() - expectedDead;
            List<ConsumerRecord<String, String>> dlq = ItSupport.readUntil(broker.bootstrapServers(),
                    (String) cfg.get(TickcastConfig.TOPIC_DLQ), l -> l.size() >= expectedDead, Duration.ofMinutes(3));
            List<ConsumerRecord<String, String>> fc = ItSupport.readUntil(broker.bootstrapServers(),
                    (String) cfg.get(TickcastConfig.TOPIC_FORECASTS), l -> l.size() >= expectedForecasts,
                    Duration.ofMinutes(3));

            // The application never stopped and no thread died.
            assertEquals(KafkaStreams.State.RUNNING, app.streams().state());
            assertEquals(threads, app.streams().metadataForLocalThreads().size());
            assertEquals(0.0, app.registry().get("tickcast.stream.threads.replaced").counter().count());

            // inputs = forecasts + dead letters, exactly, and each dead letter has the reason its input expects.
            assertEquals(expectedDead, dlq.size(), "dead letters");
            assertEquals(expectedForecasts, fc.size(), "forecasts");
            Map<Long, String> reasonByOffset = new TreeMap<>();
            for (ConsumerRecord<String, String> rec : dlq) {
                byte[] bytes = rec.value().getBytes(StandardCharsets.UTF_8);
                assertTrue(bytes.length <= Limits.DEAD_LETTER_MAX_BYTES, "a dead letter of " + bytes.length + " bytes");
                assertEquals("", SchemaCheck.errors("dead-letter", rec.value()));
                DeadLetter d = Json.mapper().readValue(rec.value(), DeadLetter.class);
                assertNotNull(d.reason());
                assertFalse(d.detail().isBlank());
                reasonByOffset.put(d.offset(), d.reason());
            }
            Map<Long, String> expectedReasons = new TreeMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                if (inputs.get(i).reason() != null) {
                    expectedReasons.put((long) i, inputs.get(i).reason());
                }
            }
            assertEquals(expectedReasons, reasonByOffset);

            // Every good tick is forecast, no output carries a non-finite number, and each symbol counts only its own
            // ticks: the symbols that differ only in characters a key cannot carry never shared a state.
            Map<String, Long> ticksBySymbol = new HashMap<>();
            List<String> forecastKeys = new ArrayList<>();
            for (ConsumerRecord<String, String> rec : fc) {
                assertFalse(NON_FINITE.matcher(rec.value()).find(), rec.value());
                assertEquals("", SchemaCheck.errors("forecast", rec.value()));
                Forecast f = Json.mapper().readValue(rec.value(), Forecast.class);
                long n = ticksBySymbol.merge(f.symbol(), 1L, Long::sum);
                assertEquals(n, f.ticks(), "ticks of " + f.symbol());
                forecastKeys.add(f.symbol() + "@" + f.ts());
            }
            List<String> goodKeys = inputs.stream().filter(i -> i.reason() == null).map(i -> i.symbol() + "@" + i.ts())
                    .sorted().toList();
            assertEquals(goodKeys, forecastKeys.stream().sorted().toList());

            // The metrics agree with the topics.
            double counted = app.registry().find("tickcast.deadletters").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            assertEquals((double) expectedDead, counted);
            double forecasts = app.registry().find("tickcast.forecasts").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            assertEquals((double) expectedForecasts, forecasts);
        }
    }

    /** Good ticks of several symbols with every hostile kind between them. */
    private static List<Input> corpus() {
        List<Input> in = new ArrayList<>();
        Map<String, Long> ts = new HashMap<>();
        Random r = new Random(7);
        // Symbols that exist as themselves: "X?" and "X\ufffd" are what a lossy decoding would merge hostile ones into.
        String[] symbols = {"A", "B c", "X?", "X\ufffd", "\u00dcn\u00efc\u00f6d\u00e9 \ud83d\ude00", "ZERO"};
        long day = 86_400_000L;
        for (int round = 0; round < 30; round++) {
            for (String s : symbols) {
                long t = ts.merge(s, day, Long::sum) + 1_600_000_000_000L;
                String v = s.equals("ZERO") ? "0" : Double.toString(100 + round + r.nextGaussian());
                // A symbol's ticks all come keyed or all without a key: the two paths do not keep each other's order.
                in.add(Input.good(s, !s.equals("B c") && !s.equals("X\ufffd"), t, v));
            }
            hostile(in, round, ts);
        }
        return in;
    }

    /** The hostile records of one round (each kind once over the rounds, some every round). */
    private static void hostile(List<Input> in, int round, Map<String, Long> ts) {
        String big = "9".repeat(900_000);
        switch (round) {
            case 0 -> {
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":\"" + big + "\",\"value\":1}", "too_large"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":1,\"value\":\"" + big + "\"}", "too_large"));
            }
            case 1 -> {
                in.add(Input.bad("A", "{\"symbol\":\"" + "S".repeat(900_000) + "\",\"ts\":1,\"value\":1}", "too_large"));
                in.add(Input.bad(null, "{\"symbol\":\"" + "S".repeat(900_000) + "\",\"ts\":1,\"value\":1}", "too_large"));
            }
            case 2 -> {
                byte[] junk = new byte[900_000];
                new Random(3).nextBytes(junk);
                junk[0] = (byte) 0xff;
                in.add(Input.bad(utf8("A"), junk, "too_large"));
                in.add(Input.bad(new byte[] {'X', (byte) 0xff}, tick("X", 1, "1"), "bad_key"));
                in.add(Input.bad(new byte[] {'X', (byte) 0xfe}, tick("X", 1, "1"), "bad_key"));
                // The unpaired surrogate's CESU bytes as a key: not UTF-8.
                in.add(Input.bad(new byte[] {'X', (byte) 0xed, (byte) 0xa0, (byte) 0x80}, tick("X", 1, "1"), "bad_key"));
            }
            case 3 -> {
                in.add(Input.bad(null, "{\"symbol\":\"X\\ud800\",\"ts\":1,\"value\":1}", "bad_symbol"));
                in.add(Input.bad(null, "{\"symbol\":\"X\\udc00?\",\"ts\":1,\"value\":1}", "bad_symbol"));
                in.add(Input.bad(null, "{\"symbol\":\"A\\u0000B\",\"ts\":1,\"value\":1}", "bad_symbol"));
                in.add(Input.bad(null, "{\"symbol\":\"" + "L".repeat(1000) + "\",\"ts\":1,\"value\":1}", "bad_symbol"));
                in.add(Input.bad("A", "{\"symbol\":\"" + "L".repeat(1000) + "\",\"ts\":1,\"value\":1}", "key_mismatch"));
                in.add(Input.bad("K".repeat(1000), "{\"symbol\":\"A\",\"ts\":1,\"value\":1}", "bad_key"));
                in.add(Input.bad("", "{\"symbol\":\"A\",\"ts\":1,\"value\":1}", "bad_key"));
            }
            case 4 -> {
                for (String v : new String[] {"1.7e308", "-1.7e308", "1e101", "1e-300", "4.9e-324", "-1e-101"}) {
                    in.add(Input.bad(utf8("A"), tick("A", next(ts, "A"), v), "out_of_range"));
                }
                in.add(Input.bad(utf8("A"), tick("A", next(ts, "A"), "1e999"), "non_finite"));
                in.add(Input.bad(utf8("A"), tick("A", next(ts, "A"), "-1e999"), "non_finite"));
                in.add(Input.bad(utf8("A"), tick("A", next(ts, "A"), "NaN"), "malformed_json"));
            }
            case 5 -> {
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":1700000000,\"value\":1}", "bad_timestamp"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":\"1700000000\",\"value\":1}", "bad_timestamp"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":1700000000000000,\"value\":1}", "bad_timestamp"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":1700000000000000000,\"value\":1}", "bad_timestamp"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":99999999999999999999,\"value\":1}", "bad_timestamp"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":\"2024-13-45\",\"value\":1}", "bad_timestamp"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":1.5,\"value\":1}", "wrong_type"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":-99999999999999999,\"value\":1}", "bad_timestamp"));
            }
            case 6 -> {
                in.add(Input.bad(utf8("A"), new byte[0], "malformed_json"));
                in.add(Input.bad(utf8("A"), null, "malformed_json"));
                in.add(Input.bad((byte[]) null, null, "malformed_json"));
                in.add(Input.bad(utf8("A"), new byte[] {'{', (byte) 0xc3, '}'}, "malformed_json"));
                in.add(Input.bad("A", "[".repeat(60_000), "malformed_json"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":1,\"value\":1" + "0".repeat(60_000) + "}",
                        "malformed_json"));
                in.add(Input.bad("A", "{\"symbol\":\"A\",\"ts\":" + next(ts, "A") + "}", "missing_field"));
            }
            case 7 -> {
                // Timestamps of every accepted form, on their own symbols.
                in.add(Input.good("T-iso", true, 1_700_000_000_000L, "1"));
                in.add(new Input(utf8("T-iso"), utf8("{\"symbol\":\"T-iso\",\"ts\":\"2023-11-15\",\"value\":2}"), null,
                        "T-iso", 1_700_006_400_000L));
                in.add(new Input(utf8("T-iso"), utf8("{\"symbol\":\"T-iso\",\"ts\":\"2023-11-15T00:00:01Z\",\"value\":3}"),
                        null, "T-iso", 1_700_006_401_000L));
                in.add(new Input(utf8("T-iso"), utf8("{\"symbol\":\"T-iso\",\"ts\":\"2023-11-15T02:00:02+02:00\",\"value\":4}"),
                        null, "T-iso", 1_700_006_402_000L));
                in.add(Input.good("T-old", true, -2_000_000_000_000L, "1"));
                in.add(Input.good("T-old", true, -1_900_000_000_000L, "-0.0"));
                in.add(Input.good("BIG", true, 1_000L, "1e100"));
                in.add(Input.good("BIG", true, 2_000L, "-1e100"));
                in.add(Input.good("BIG", true, 3_000L, "1e-100"));
                in.add(Input.good("BIG", true, 4_000L, "1e100"));
            }
            default -> {
                // Every round: a duplicate and a tick older than the last of A.
                long last = ts.get("A") + 1_600_000_000_000L;
                in.add(Input.bad(utf8("A"), tick("A", last, "1"), "duplicate"));
                in.add(Input.bad(utf8("A"), tick("A", last - 1, "1"), "out_of_order"));
                in.add(Input.good("BIG", true, 1_000L * round, round % 2 == 0 ? "1e100" : "-1e100"));
            }
        }
    }

    /** A timestamp after every good tick of the symbol so far, without moving it (the bad tick is refused). */
    private static long next(Map<String, Long> ts, String symbol) {
        return ts.get(symbol) + 1_600_000_000_000L + 1;
    }

    private static byte[] tick(String symbol, long ts, String value) {
        return utf8("{\"symbol\":\"" + symbol + "\",\"ts\":" + ts + ",\"value\":" + value + "}");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void produce(String bootstrap, String topic, List<Input> inputs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Input i : inputs) {
                producer.send(new ProducerRecord<>(topic, i.key(), i.value()));
            }
            producer.flush();
        }
    }
}
