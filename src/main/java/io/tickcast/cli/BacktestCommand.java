package io.tickcast.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.backtest.BreakTruth;
import io.tickcast.backtest.ScoreBoard;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.runtime.EmbeddedKafka;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code tickcast backtest}: the production topology over a CSV, without a broker, through
 * {@link TopologyTestDriver} — the same processors, stores and configuration as {@code run}.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {"Run the production topology over a tick CSV (symbol,ts,value) without a broker and write "
                + "forecasts.csv, breaks.csv and summary.json to --out; print the summary table.",
                "Accepts the same configuration as run (--config, --set)."})
public final class BacktestCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "Tick CSV; '-' for standard input.")
    String csv;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created).")
    Path out;

    @Option(names = "--truth", paramLabel = "FILE",
            description = "Ground truth of breaks (symbol,ts[,kind] CSV, as written by generate): adds detection delay and false alarms.")
    Path truth;

    @Option(names = "--tolerance", paramLabel = "TICKS", defaultValue = "100",
            description = "A signal up to this many ticks after a true break detects it (default: ${DEFAULT-VALUE}).")
    int tolerance;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TickcastConfig config = options.load().with(Map.of(TickcastConfig.CHOW_EMIT, "all"));
        List<TickCsv.Row> rows;
        try (BufferedReader in = csv.equals("-") ? new BufferedReader(new java.io.InputStreamReader(System.in))
                : Files.newBufferedReader(Path.of(csv))) {
            rows = TickCsv.read(in, 0);
        }
        Files.createDirectories(out);
        Backtest bt = new Backtest(config);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, "backtest", rows.size());
        try (bt) {
            for (TickCsv.Row r : rows) {
                bt.tick(r);
                progress.step();
            }
            progress.done();
            bt.finish(out, truth == null ? null : BreakTruth.read(truth), tolerance);
        }
        spec.commandLine().getOut().print(bt.board.table());
        spec.commandLine().getOut().flush();
        err.println("wrote " + out.resolve("forecasts.csv") + ", " + out.resolve("breaks.csv") + ", "
                + out.resolve("summary.json"));
        return 0;
    }

    /** The topology under a test driver, collecting its outputs: the reference "uninterrupted run" of the tests. */
    public static final class Backtest implements AutoCloseable {
        final ScoreBoard board = new ScoreBoard();
        private final TopologyTestDriver driver;
        private final TestInputTopic<String, String> in;
        private final TestOutputTopic<String, String> forecasts;
        private final TestOutputTopic<String, String> breaks;
        private final TestOutputTopic<String, String> dlq;
        private final List<Forecast> allForecasts = new ArrayList<>();
        private final List<BreakSignal> allBreaks = new ArrayList<>();
        private long deadLetters;
        private final Path stateDir;

        public Backtest(TickcastConfig config) throws IOException {
            stateDir = Files.createTempDirectory("tickcast-backtest-");
            Properties p = new Properties();
            p.putAll(config.streamsProperties());
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "backtest:9092");
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(ForecastTopology.build(config,
                    new TickcastMetrics(new SimpleMeterRegistry(), 0)), p);
            in = driver.createInputTopic(config.getString(TickcastConfig.TOPIC_TICKS), new StringSerializer(), new StringSerializer());
            forecasts = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_FORECASTS), new StringDeserializer(), new StringDeserializer());
            breaks = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_BREAKS), new StringDeserializer(), new StringDeserializer());
            dlq = driver.createOutputTopic(config.getString(TickcastConfig.TOPIC_DLQ), new StringDeserializer(), new StringDeserializer());
        }

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
                deadLetters++;
            }
        }

        public List<Forecast> forecasts() {
            return allForecasts;
        }

        public List<BreakSignal> breaks() {
            return allBreaks;
        }

        void finish(Path dir, List<BreakTruth> truth, int tolerance) throws IOException {
            writeForecasts(dir.resolve("forecasts.csv"));
            writeBreaks(dir.resolve("breaks.csv"));
            Map<String, Object> summary = board.toMap();
            if (truth != null) {
                BreakTruth.score(truth, allBreaks, allForecasts, tolerance, summary);
            }
            Files.write(dir.resolve("summary.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
        }

        /** symbol,ts,step,forecast,lower,upper,persistence,actual,source,model_ticks,updates,train_loss */
        private void writeForecasts(Path file) throws IOException {
            // Actuals: the value 'step' ticks later in the same symbol's series.
            Map<String, List<Forecast>> bySymbol = new HashMap<>();
            for (Forecast f : allForecasts) {
                bySymbol.computeIfAbsent(f.symbol(), k -> new ArrayList<>()).add(f);
            }
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                w.write("symbol,ts,step,forecast,lower,upper,persistence,actual,source,ticks,updates,train_loss\n");
                Map<String, Integer> index = new HashMap<>();
                for (Forecast f : allForecasts) {
                    List<Forecast> series = bySymbol.get(f.symbol());
                    int i = index.merge(f.symbol(), 1, Integer::sum) - 1;
                    for (Forecast.Step s : f.steps()) {
                        int j = i + s.step();
                        String actual = j < series.size() ? Double.toString(series.get(j).value()) : "";
                        w.write(f.symbol() + "," + f.ts() + "," + s.step() + "," + s.forecast() + "," + s.lower() + ","
                                + s.upper() + "," + s.persistence() + "," + actual + "," + f.source() + "," + f.ticks()
                                + "," + f.updates() + "," + (f.trainLoss() == null ? "" : f.trainLoss()) + "\n");
                    }
                }
            }
        }

        /** symbol,ts,f,f_crit,p_value,signal,break_ts,mode,window,k */
        private void writeBreaks(Path file) throws IOException {
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                w.write("symbol,ts,f,f_crit,p_value,signal,break_ts,mode,window,k\n");
                for (BreakSignal b : allBreaks) {
                    w.write(b.symbol() + "," + b.ts() + "," + str(b.f()) + "," + str(b.fCrit()) + "," + str(b.pValue())
                            + "," + (b.signal() ? 1 : 0) + "," + (b.breakTs() == null ? "" : b.breakTs()) + ","
                            + b.mode() + "," + b.window() + "," + b.k() + "\n");
                }
            }
        }

        private static String str(Double d) {
            return d == null ? "" : d.toString();
        }

        @Override
        public void close() {
            driver.close();
            EmbeddedKafka.deleteRecursively(stateDir);
        }
    }
}
