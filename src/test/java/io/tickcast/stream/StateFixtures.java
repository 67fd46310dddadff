package io.tickcast.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.config.TickcastConfig;
import io.tickcast.metrics.TickcastMetrics;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * State-format fixtures: a symbol's store records after some ticks, its next ticks, and what the topology
 * forwarded for them (see {@code src/test/resources/io/tickcast/stream/state-v0/README.md}). {@link #main}
 * writes the current version's fixtures ({@code state-v6/}) from the bundled data; run it only when a format
 * changes on purpose, from the module root:
 * {@code ./mvnw -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java
 * -Dexec.mainClass=io.tickcast.stream.StateFixtures -Dexec.classpathScope=test}.
 */
public final class StateFixtures {

    static final String SYMBOL = "DAX";
    static final String RESOURCES = "/io/tickcast/stream/";
    /**
     * The configurations of the fixtures, by case name; {@code norm.halflife} is pinned at 32, the default of the
     * versions before 2, so the LSTM sees the same scaled changes across versions; the detector is pinned at the
     * rolling Chow test without a reaction to its signals ({@code breaks.mode=chow}, {@code breaks.react=false}), the
     * detector and the forecaster of the versions that wrote them.
     */
    static final Map<String, Map<String, String>> CASES = Map.of(
            "default", Map.of("chow.emit", "all", "norm.halflife", "32", "breaks.mode", "chow", "breaks.react", "false"),
            "h3-scan", Map.of("chow.emit", "all", "norm.halflife", "32", "model.horizon", "3", "chow.mode", "scan",
                    "chow.window", "60", "train.optimizer", "adam", "breaks.mode", "chow", "breaks.react", "false"));
    private static final int BEFORE = 300;
    private static final int AFTER = 100;

    private StateFixtures() {
    }

    /** The topology of one configuration under a test driver. */
    static final class Driver implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> in;
        final TestOutputTopic<String, String> forecasts;
        final TestOutputTopic<String, String> breaks;

        Driver(Map<String, String> overrides) {
            TickcastConfig config = TickcastConfig.parse(overrides);
            Properties p = new Properties();
            p.putAll(config.streamsProperties());
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            try {
                p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("tickcast-fixture-").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            driver = new TopologyTestDriver(ForecastTopology.build(config, TickcastMetrics.bind(new SimpleMeterRegistry(), 0)), p);
            in = driver.createInputTopic("ticks", new StringSerializer(), new StringSerializer());
            forecasts = driver.createOutputTopic("forecasts", new StringDeserializer(), new StringDeserializer());
            breaks = driver.createOutputTopic("breaks", new StringDeserializer(), new StringDeserializer());
        }

        KeyValueStore<String, byte[]> store(String name) {
            return driver.getKeyValueStore(name);
        }

        /** Pipes the ticks (JSON values), returning per tick its forecast, then its break record. */
        List<String> run(List<String> ticks) {
            List<String> out = new ArrayList<>();
            for (String t : ticks) {
                in.pipeInput(SYMBOL, t);
                forecasts.readRecordsToList().forEach((TestRecord<String, String> r) -> out.add(r.value()));
                breaks.readRecordsToList().forEach((TestRecord<String, String> r) -> out.add(r.value()));
            }
            return out;
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    /** A fixture case read from the test resources. */
    record Case(Map<String, String> config, Map<String, byte[]> records, List<String> ticks, List<String> outputs) {

        static Case load(String version, String name) throws IOException {
            String dir = RESOURCES + version + "/" + name + "/";
            Map<String, byte[]> records = new LinkedHashMap<>();
            for (String store : StoreNames.CHECKPOINT) {
                records.put(store, bytes(dir + store + ".bin"));
            }
            return new Case(CASES.get(name), records, lines(dir + "ticks-after.jsonl"), lines(dir + "outputs-after.jsonl"));
        }

        /** Loads the records into a fresh topology's stores and runs the ticks after them. */
        List<String> replay() {
            try (Driver d = new Driver(config)) {
                records.forEach((store, bytes) -> d.store(store).put(SYMBOL, bytes));
                return d.run(ticks);
            }
        }
    }

    private static byte[] bytes(String resource) throws IOException {
        try (InputStream in = StateFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return in.readAllBytes();
        }
    }

    private static List<String> lines(String resource) throws IOException {
        return new String(bytes(resource), StandardCharsets.UTF_8).lines().toList();
    }

    /** The first ticks of {@link #SYMBOL} in the bundled data, as tick JSON. */
    static List<String> bundledTicks(int n) throws IOException {
        List<String> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/data/eustockmarkets.csv"))) {
            List<String> lines = new java.io.BufferedReader(r).lines().skip(1).toList();
            for (String line : lines) {
                String[] f = line.split(",");
                if (f[0].equals(SYMBOL) && out.size() < n) {
                    out.add("{\"symbol\":\"" + f[0] + "\",\"ts\":\"" + f[1] + "\",\"value\":" + f[2] + "}");
                }
            }
        }
        return out;
    }

    /** The directory of the current version's fixtures. */
    static final String CURRENT = "state-v7";

    /** Writes {@code src/test/resources/io/tickcast/stream/state-v6/<case>/} with the current code. */
    public static void main(String[] args) throws IOException {
        List<String> ticks = bundledTicks(BEFORE + AFTER);
        for (Map.Entry<String, Map<String, String>> c : CASES.entrySet()) {
            Path dir = Path.of("src/test/resources" + RESOURCES + CURRENT + "/" + c.getKey());
            Files.createDirectories(dir);
            // A checkpoint at every tick, so that the records hold the state after the last tick before (the
            // fixtures are checkpoints with an empty journal).
            Map<String, String> everyTick = new java.util.HashMap<>(c.getValue());
            everyTick.put("state.checkpoint.ticks", "1");
            try (Driver d = new Driver(everyTick)) {
                d.run(ticks.subList(0, BEFORE));
                for (String store : StoreNames.CHECKPOINT) {
                    Files.write(dir.resolve(store + ".bin"), d.store(store).get(SYMBOL));
                }
                List<String> after = ticks.subList(BEFORE, BEFORE + AFTER);
                Files.write(dir.resolve("ticks-after.jsonl"), after, StandardCharsets.UTF_8);
                Files.write(dir.resolve("outputs-after.jsonl"), d.run(after), StandardCharsets.UTF_8);
            }
        }
    }
}
