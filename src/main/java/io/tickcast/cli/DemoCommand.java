package io.tickcast.cli;

import io.tickcast.backtest.ScoreBoard;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.runtime.KafkaClients;
import io.tickcast.runtime.Pacer;
import io.tickcast.runtime.TickcastApp;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.DeadLetter;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;
import io.tickcast.serde.TickParser;
import io.tickcast.synth.DemoStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code tickcast demo}: the whole pipeline on the bundled EuStockMarkets data and generated streams with a known
 * truth ({@link DemoStreams}). Its console is the user's: the broker's and the clients' logs go to a file
 * ({@link LogFile}), the console keeps the progress line, the summary and tickcast's own warnings and errors.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an embedded Kafka broker and the topology, replay the bundled EuStockMarkets data "
                + "(DAX, SMI, CAC, FTSE: random walks) and four generated sensor-like streams with a known truth "
                + "(daily and weekly cycles, a level shift at a known tick) through the ticks topic (14,880 ticks), "
                + "show progress and a per-symbol summary with each generated stream's truth.",
                "While it runs, the live page is at http://127.0.0.1:9400/ and the metrics at /metrics (http.port).",
                "The logs (Kafka's at WARN, tickcast's at INFO) go to tickcast.log in a new temporary directory "
                        + "(or in --data-dir), whose path is printed; only tickcast's warnings and errors reach the console."})
public final class DemoCommand implements Callable<Integer> {

    static final String BUNDLED = "/data/eustockmarkets.csv";

    @Mixin
    ConfigOptions options;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers to replay the data into (or bootstrap.servers in --config); without it an embedded broker is started.")
    String bootstrap;

    @Option(names = "--ticks", paramLabel = "N", description = "Stop after N ticks (default: all 14,880).")
    long ticks;

    @Option(names = "--summary", paramLabel = "FILE", description = "Also write the summary as JSON.")
    Path summaryFile;

    @Option(names = "--follow", description = "After the replay, go on with a live synthetic stream until Ctrl-C.")
    boolean follow;

    @Option(names = "--rate", paramLabel = "TICKS_PER_S", defaultValue = "20",
            description = "Rate of the --follow stream (default: ${DEFAULT-VALUE}).")
    double rate;

    @Mixin
    DataDirOption dataDirOption;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Give up when the forecasts stop arriving for this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TickcastConfig config = options.load(bootstrap);
        Path dataDir = dataDirOption.of(config);
        List<TickCsv.Row> rows;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(DemoCommand.class.getResourceAsStream(BUNDLED)), StandardCharsets.UTF_8))) {
            rows = DemoStreams.replay(TickCsv.read(in, 0));
        }
        PrintWriter err = spec.commandLine().getErr();
        Path logDir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("tickcast-demo-");
        try (LogFile logs = LogFile.open(logDir.resolve("tickcast.log"));
             TickcastApp app = TickcastApp.start(config, dataDir)) {
            if (logs != null) {
                err.println("logs in " + logs.file());
            }
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                err.println("error: the topology did not reach RUNNING within 2 minutes (state " + app.streams().state() + ")");
                return 1;
            }
            err.println("live page: " + app.httpAddress() + "/   metrics: " + app.httpAddress() + "/metrics");
            err.flush();
            // With a kept --data-dir, continue the replay where the previous run stopped.
            long done = ticksAlreadyProduced(app);
            if (done > 0) {
                err.println("continuing: " + done + " ticks were replayed by earlier runs in " + dataDir);
            }
            int from = (int) Math.min(done, rows.size());
            int to = ticks > 0 ? (int) Math.min(rows.size(), from + ticks) : rows.size();
            List<TickCsv.Row> replay = rows.subList(from, to);
            List<TickCsv.Row> replayedByNow = rows.subList(0, to);
            ScoreBoard board = new ScoreBoard();
            AtomicLong produced = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            try (KafkaConsumer<String, String> consumer = outputConsumer(app)) {
                Thread producer = new Thread(() -> produce(app, replay, replayedByNow, produced, stop),
                        "demo-producer");
                // Ctrl-C (with --follow): stop producing, then let the summary print before the JVM exits.
                java.util.concurrent.CountDownLatch summarised = new java.util.concurrent.CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    stop.set(true);
                    try {
                        summarised.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Runtime.getRuntime().addShutdownHook(hook);
                producer.start();
                boolean complete = consume(app, consumer, replay.size(), produced, board, stop, err);
                stop.set(true);
                producer.join();
                err.println();
                spec.commandLine().getOut().print(board.table(truth(board)));
                spec.commandLine().getOut().flush();
                if (summaryFile != null) {
                    Map<String, Object> summary = board.toMap();
                    summary.put("truth", truth(board));
                    Files.write(summaryFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
                }
                summarised.countDown();
                if (!complete) {
                    err.println("error: forecasts stopped arriving before every tick was answered"
                            + (logs != null ? "; see " + logs.file() : ""));
                    return 1;
                }
            }
        }
        return 0;
    }

    /** Every symbol's truth: the bundled indices' and the generated streams' ({@link DemoStreams#truth}). */
    static Map<String, String> truth(ScoreBoard board) {
        Map<String, String> t = new LinkedHashMap<>();
        board.symbols().keySet().forEach(s -> t.put(s, "EuStockMarkets daily closes (real data)"));
        t.putAll(DemoStreams.truth());
        return t;
    }

    /** Produces {@code rows}, then with --follow goes on after {@code replayedByNow} (every row replayed so far). */
    private void produce(TickcastApp app, List<TickCsv.Row> rows, List<TickCsv.Row> replayedByNow, AtomicLong produced,
                         AtomicBoolean stop) {
        Properties p = KafkaClients.tickProducer(app.bootstrapServers(), app.config());
        String topic = app.config().getString(TickcastConfig.TOPIC_TICKS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (TickCsv.Row r : rows) {
                if (stop.get()) {
                    return;
                }
                producer.send(new ProducerRecord<>(topic, r.symbol(), r.json()));
                produced.incrementAndGet();
            }
            producer.flush();
            if (follow) {
                Iterator<TickCsv.Row> feed = DemoStreams.follow(replayedByNow, 7L);
                Pacer pacer = new Pacer(rate);
                while (!stop.get()) {
                    TickCsv.Row r = feed.next();
                    producer.send(new ProducerRecord<>(topic, r.symbol(), r.json()));
                    produced.incrementAndGet();
                    pacer.pace();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads forecasts, breaks and dead letters produced from now on; returns true once every tick is answered. */
    private boolean consume(TickcastApp app, KafkaConsumer<String, String> consumer, int expected, AtomicLong produced,
                            ScoreBoard board, AtomicBoolean stop, PrintWriter err) throws Exception {
        TickcastConfig c = app.config();
        String forecasts = c.getString(TickcastConfig.TOPIC_FORECASTS);
        String breaks = c.getString(TickcastConfig.TOPIC_BREAKS);
        long answered = 0;
        long lastProgress = System.nanoTime();
        long started = System.nanoTime();
        long lastLine = 0;
        while (follow ? !stop.get() : answered < expected) {
            for (ConsumerRecord<String, String> rec : consumer.poll(Duration.ofMillis(200))) {
                lastProgress = System.nanoTime();
                if (rec.topic().equals(forecasts)) {
                    Forecast f = Json.mapper().readValue(rec.value(), Forecast.class);
                    board.tick(f.symbol());
                    board.forecast(f);
                    answered++;
                } else if (rec.topic().equals(breaks)) {
                    BreakSignal b = Json.mapper().readValue(rec.value(), BreakSignal.class);
                    if (b.signal()) {
                        board.breakSignal(b.symbol(), b.breakTs());
                    }
                } else {
                    DeadLetter d = Json.mapper().readValue(rec.value(), DeadLetter.class);
                    board.deadLetter(rec.key() != null ? rec.key() : symbolOf(d));
                    answered++;
                }
            }
            long now = System.nanoTime();
            if (now - lastLine > 1_000_000_000L) {
                double secs = (now - started) / 1e9;
                err.printf("\rticks in %d (%.0f/s)   forecasts out %d (%.0f/s)   breaks %d   dead letters %d   ",
                        produced.get(), produced.get() / secs, board.total(s -> s.forecasts()),
                        board.total(s -> s.forecasts()) / secs, board.total(s -> s.breaks()),
                        answered - board.total(s -> s.forecasts()));
                err.flush();
                lastLine = now;
            }
            var state = app.streams().state();
            if (state == org.apache.kafka.streams.KafkaStreams.State.ERROR
                    || state == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING) {
                err.println();
                err.println("error: the topology stopped (state " + state + ")");
                return false;
            }
            if (now - lastProgress > timeoutSeconds * 1_000_000_000L) {
                return false;
            }
        }
        return true;
    }

    /** Records already in the ticks topic (non-zero only with a kept --data-dir or a shared cluster). */
    private static long ticksAlreadyProduced(TickcastApp app) {
        Properties p = KafkaClients.properties(app.bootstrapServers(), app.config());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : c.partitionsFor(app.config().getString(TickcastConfig.TOPIC_TICKS))) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static String symbolOf(DeadLetter d) {
        if (d.value() == null) {
            return null;
        }
        TickParser.Result r = TickParser.parse(null, d.value().getBytes(StandardCharsets.UTF_8));
        return r.ok() ? r.tick().symbol() : null;
    }

    private static KafkaConsumer<String, String> outputConsumer(TickcastApp app) {
        TickcastConfig c = app.config();
        Properties p = KafkaClients.properties(app.bootstrapServers(), c);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String key : List.of(TickcastConfig.TOPIC_FORECASTS, TickcastConfig.TOPIC_BREAKS, TickcastConfig.TOPIC_DLQ)) {
            for (PartitionInfo pi : consumer.partitionsFor(c.getString(key))) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
        }
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the end offsets now, before any tick is produced
        return consumer;
    }

}
