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
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The production topology under a {@link TopologyTestDriver}, without a broker, collecting its outputs:
 * what {@code tickcast backtest} runs, and the reference "uninterrupted run" of the integration tests.
 * Call {@link #tick} per row in order, then {@link #writeResults}, then {@link #close}.
 */
public final class Backtest implements AutoCloseable {

    /** The summary's file name in the output directory, beside {@link ForecastColumn#FILE} and {@link BreakColumn#FILE}. */
    public static final String SUMMARY_FILE = "summary.json";

    private final ScoreBoard board = new ScoreBoard();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> in;
    private final TestOutputTopic<String, String> forecasts;
    private final TestOutputTopic<String, String> breaks;
    private final TestOutputTopic<String, String> dlq;
    private final List<Forecast> allForecasts = new ArrayList<>();
    private final List<BreakSignal> allBreaks = new ArrayList<>();
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
    }

    /** Pipes one tick through the topology and collects what comes out. */
    public void tick(TickCsv.Row r) throws IOException {
        in.pipeInput(r.symbol(), r.json());
        for (TestRecord<String, String> rec : forecasts.readRecordsToList()) {
            Forecast f = Json.mapper().readValue(rec.value(), Forecast.class);
            board.tick(f.symbol());
            board.forecast(f);
            allForecasts.add(f);
        }
        for (TestRecord<String, String> rec : breaks.readRecordsToList()) {
            BreakSignal b = Json.mapper().readValue(rec.value(), BreakSignal.class);
            if (b.signal()) {
                board.breakSignal(b.symbol());
            }
            allBreaks.add(b);
        }
        for (TestRecord<String, String> rec : dlq.readRecordsToList()) {
            board.deadLetter(rec.key());
        }
    }

    /** Every forecast so far, in output order. */
    public List<Forecast> forecasts() {
        return allForecasts;
    }

    /** Every break record so far (signals and, with {@code chow.emit=all}, every statistic), in output order. */
    public List<BreakSignal> breaks() {
        return allBreaks;
    }

    public ScoreBoard board() {
        return board;
    }

    /**
     * Writes {@code forecasts.csv}, {@code breaks.csv} and {@code summary.json} to {@code dir}.
     *
     * @param truth     ground truth to score the break signals against, or null
     * @param tolerance a signal up to this many ticks after a true break detects it
     */
    public void writeResults(Path dir, List<BreakTruth> truth, int tolerance) throws IOException {
        ForecastColumn.write(dir.resolve(ForecastColumn.FILE), allForecasts);
        BreakColumn.write(dir.resolve(BreakColumn.FILE), allBreaks);
        Map<String, Object> summary = board.toMap();
        if (truth != null) {
            BreakTruth.score(truth, allBreaks, allForecasts, tolerance, summary);
        }
        Files.write(dir.resolve(SUMMARY_FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
    }

    @Override
    public void close() {
        driver.close();
        Directories.deleteRecursively(stateDir);
    }
}
