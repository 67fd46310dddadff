package io.tickcast.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Json;
import io.tickcast.serde.SchemaCheck;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka Streams calls the handlers {@link DeadLetterHandlers#properties} installs, and what they return reaches the
 * dead-letter topic while the records around the failing one go on: a step that throws, and an output that cannot be
 * serialized, on a small topology of their own under the test driver.
 */
class DeadLetterHandlersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private TopologyTestDriver driver(StreamsBuilder b) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "handlers");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        p.putAll(DeadLetterHandlers.properties("dlq", TickcastMetrics.bind(registry, 0)));
        return new TopologyTestDriver(b.build(), p);
    }

    private static DeadLetter read(TestRecord<String, String> r) throws Exception {
        assertEquals("", SchemaCheck.errors("dead-letter", r.value()));
        return Json.mapper().readValue(r.value(), DeadLetter.class);
    }

    @Test
    void aStepThatThrowsIsADeadLetterAndTheNextRecordsGoOn() throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> {
                    if (v.equals("boom")) {
                        throw new IllegalStateException("cannot map " + v);
                    }
                    return v.toUpperCase(java.util.Locale.ROOT);
                })
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver d = driver(b)) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> dlq = d.createOutputTopic("dlq", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("k1", "a");
            in.pipeInput("k2", "boom");
            in.pipeInput("k3", "b");
            assertEquals(List.of("A", "B"), out.readValuesToList());
            List<TestRecord<String, String>> dead = dlq.readRecordsToList();
            assertEquals(1, dead.size());
            assertEquals("k2", dead.get(0).key());
            DeadLetter dl = read(dead.get(0));
            assertEquals("internal_error", dl.reason());
            assertEquals("boom", dl.value());
            assertEquals(1, dl.offset());
            assertTrue(dl.detail().contains("cannot map boom"), dl.detail());
            assertEquals(1.0, registry.get("tickcast.deadletters").tag("reason", "internal_error").counter().count());
        }
    }

    @Test
    void anOutputThatCannotBeSerializedIsADeadLetter() throws Exception {
        Serializer<String> picky = (topic, v) -> {
            if (v.contains("NaN")) {
                throw new IllegalArgumentException("output field 'forecast' is NaN: JSON has no such number");
            }
            return v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        };
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .to("out", Produced.with(Serdes.String(), Serdes.serdeFrom(picky, Serdes.String().deserializer())));
        try (TopologyTestDriver d = driver(b)) {
            TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> dlq = d.createOutputTopic("dlq", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("k", "1");
            in.pipeInput("k", "NaN");
            in.pipeInput("k", "2");
            assertEquals(List.of("1", "2"), out.readValuesToList());
            DeadLetter dl = read(dlq.readRecord());
            assertEquals("internal_error", dl.reason());
            assertTrue(dl.detail().startsWith("serializing the value of a record for out failed"), dl.detail());
            assertTrue(dlq.isEmpty());
        }
    }
}
