package io.tickcast.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.config.TickcastConfig;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The real topology under {@link TopologyTestDriver}, with typed access to its outputs. */
final class TopologyHarness implements AutoCloseable {

    final TickcastConfig config;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, String> ticks;
    final TestOutputTopic<String, String> forecasts;
    final TestOutputTopic<String, String> breaks;
    final TestOutputTopic<String, String> dlq;

    TopologyHarness(Map<String, ?> overrides) {
        this.config = TickcastConfig.defaults().with(overrides);
        Properties p = new Properties();
        TickcastMetrics metrics = TickcastMetrics.bind(registry, 10);
        p.putAll(ForecastTopology.streamsProperties(config, metrics));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ForecastTopology.build(config, metrics), p);
        ticks = driver.createInputTopic(config.getString(TickcastConfig.TOPIC_TICKS), new StringSerializer(), new StringSerializer());
        forecasts = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_FORECASTS), new StringDeserializer(), new StringDeserializer());
        breaks = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_BREAKS), new StringDeserializer(), new StringDeserializer());
        dlq = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_DLQ), new StringDeserializer(), new StringDeserializer());
    }

    void tick(String symbol, long ts, double value) {
        ticks.pipeInput(symbol, "{\"symbol\":\"" + symbol + "\",\"ts\":" + ts + ",\"value\":" + value + "}");
    }

    List<TestRecord<String, String>> forecastRecords() {
        return forecasts.readRecordsToList();
    }

    static <T> List<T> parse(List<TestRecord<String, String>> records, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TestRecord<String, String> r : records) {
            try {
                out.add(Json.mapper().readValue(r.value(), type));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    List<Forecast> readForecasts() {
        return parse(forecastRecords(), Forecast.class);
    }

    List<BreakSignal> readBreaks() {
        return parse(breaks.readRecordsToList(), BreakSignal.class);
    }

    List<DeadLetter> readDeadLetters() {
        return parse(dlq.readRecordsToList(), DeadLetter.class);
    }

    @Override
    public void close() {
        driver.close();
    }
}
