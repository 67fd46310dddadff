package io.tickcast.backtest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.runtime.Directories;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;
import io.tickcast.stream.ForecastTopology;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The production topology under a {@link TopologyTestDriver}, without a broker: what {@code tickcast backtest} runs,
 * and the reference "uninterrupted run" of the integration tests. The outputs go to {@link BacktestListener}s as they
 * come out and are not kept, so memory does not grow with the number of ticks ({@link ResultFiles} writes them to
 * disk; a caller that wants them all, on a small input, collects them in its listener).
 *
 * <p>Call order: {@link #listen}, {@link #tick} per row in order (with {@link #endOfSymbol} after a symbol's last, if
 * known), then {@link #close}.
 */
public final class Backtest implements AutoCloseable {

    private final ScoreBoard board = new ScoreBoard();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> in;
    private final TestOutputTopic<String, String> forecasts;
    private final TestOutputTopic<String, String> breaks;
    private final TestOutputTopic<String, String> dlq;
    /**
     * Every other topic the topology writes (the stores' changelogs, a record per tick): the driver keeps whatever is
     * not read, so these are drained and dropped each tick.
     */
    private final Map<String, TestOutputTopic<byte[], byte[]>> others = new HashMap<>();
    private final Set<String> read;
    private final List<BacktestListener> listeners = new ArrayList<>();
    private final Path stateDir;

    public Backtest(TickcastConfig config) throws IOException {
        stateDir = Files.createTempDirectory("tickcast-backtest-");
        Properties p = new Properties();
        TickcastMetrics metrics = TickcastMetrics.bind(new SimpleMeterRegistry(), 0);
        p.putAll(ForecastTopology.streamsProperties(config, metrics));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "backtest:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ForecastTopology.build(config, metrics), p);
        in = driver.createInputTopic(config.getString(TickcastConfig.TOPIC_TICKS), new StringSerializer(), new StringSerializer());
        forecasts = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_FORECASTS), new StringDeserializer(), new StringDeserializer());
        breaks = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_BREAKS), new StringDeserializer(), new StringDeserializer());
        dlq = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_DLQ), new StringDeserializer(), new StringDeserializer());
        read = Set.of(config.getString(TickcastConfig.TOPIC_FORECASTS), config.getString(TickcastConfig.TOPIC_BREAKS),
                config.getString(TickcastConfig.TOPIC_DLQ));
    }

    /** Tells {@code listener} every record from the next tick on. */
    public void listen(BacktestListener listener) {
        listeners.add(listener);
    }

    /** Pipes one tick through the topology and hands what comes out to the score board and the listeners. */
    public void tick(TickCsv.Row r) throws IOException {
        in.pipeInput(r.symbol(), r.json());
        for (TestRecord<String, String> rec : forecasts.readRecordsToList()) {
            Forecast f = Json.mapper().readValue(rec.value(), Forecast.class);
            board.tick(f.symbol());
            board.forecast(f);
            for (BacktestListener l : listeners) {
                l.forecast(f);
            }
        }
        for (TestRecord<String, String> rec : breaks.readRecordsToList()) {
            BreakSignal b = Json.mapper().readValue(rec.value(), BreakSignal.class);
            if (b.signal()) {
                board.breakSignal(b.symbol(), b.breakTs());
            }
            for (BacktestListener l : listeners) {
                l.breakRecord(b);
            }
        }
        for (TestRecord<String, String> rec : dlq.readRecordsToList()) {
            board.deadLetter(rec.key());
        }
        for (String topic : driver.producedTopicNames()) {
            if (!read.contains(topic)) {
                others.computeIfAbsent(topic, t -> driver.createOutputTopic(t, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())).readRecordsToList();
            }
        }
    }

    /** Tells the listeners that {@code symbol} has had its last tick. */
    public void endOfSymbol(String symbol) throws IOException {
        for (BacktestListener l : listeners) {
            l.endOfSymbol(symbol);
        }
    }

    public ScoreBoard board() {
        return board;
    }

    /** Records the driver still holds, on every topic the topology has written: 0 between ticks. */
    long unread() {
        long n = 0;
        for (String topic : driver.producedTopicNames()) {
            n += driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).getQueueSize();
        }
        return n;
    }

    @Override
    public void close() {
        driver.close();
        Directories.deleteRecursively(stateDir);
    }
}
