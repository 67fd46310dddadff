package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import io.tickcast.runtime.BootstrapCheck;
import io.tickcast.runtime.TickProducer;
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
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code tickcast produce}: a CSV file or standard input into the ticks topic. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = {"Feed a CSV into the ticks topic (key = symbol, value = tick JSON), with a progress bar.",
                "Reads a tick CSV (columns symbol,ts,value in any order, or as named by --symbol-column, --ts-column, "
                        + "--value-column; quoted cells may hold commas) or a Yahoo-style OHLC CSV "
                        + "(Date,Open,High,Low,Close[,Adj Close],Volume; needs --symbol), told apart by the header.",
                "Needs a Kafka cluster (--bootstrap or bootstrap.servers in --config). Missing topics are created "
                        + "(topics.create)."},
        footer = {"", "Examples:",
                "  tickcast produce --bootstrap localhost:9092 --csv src/main/resources/data/eustockmarkets.csv",
                "  tickcast produce --bootstrap localhost:9092 --csv ^GDAXI.csv --symbol DAX --column 'Adj Close' --rate 50",
                "  cat ticks.csv | tickcast produce --bootstrap localhost:9092 --csv -"})
public final class ProduceCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers to produce to (required here or as bootstrap.servers in --config).")
    String bootstrap;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file; '-' for standard input.")
    String csv;

    @Option(names = "--rate", paramLabel = "TICKS_PER_S", defaultValue = "0",
            description = "Ticks per second (default: as fast as possible).")
    double rate;

    @Option(names = "--column", paramLabel = "NAME", defaultValue = "Close",
            description = "OHLC files: the column to send as the value, e.g. Open, High, Low, Close, 'Adj Close' (default: ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--symbol", paramLabel = "NAME", description = "OHLC files: the symbol of the series (required for OHLC).")
    String symbol;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N ticks (default: all).")
    long limit;

    @Mixin
    CsvColumnsOption columns;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TickcastConfig config = options.load(bootstrap);
        TickProducer.requireCluster(config, "produce");
        if (rate < 0 || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("--rate must be a non-negative number of ticks per second, got " + rate);
        }
        List<TickCsv.Row> rows;
        List<Integer> skipped = new java.util.ArrayList<>();
        try (BufferedReader in = open(csv)) {
            rows = TickCsv.readAny(in, columns.columns(), column, symbol, limit, skipped::add);
        }
        if (!skipped.isEmpty()) {
            spec.commandLine().getErr().println("skipped " + skipped.size() + " OHLC row(s) without a value in column "
                    + (column == null ? "Close" : column) + " (lines " + abbreviate(skipped) + ")");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + ": no ticks to produce");
        }
        send(config, rows.iterator(), rows.size(), rate, spec.commandLine().getErr(), "produce");
        return 0;
    }

    /** {@link TickProducer#send} with a progress bar on {@code err} and a closing line. */
    static void send(TickcastConfig config, Iterator<TickCsv.Row> rows, long total, double rate, PrintWriter err,
                     String label) throws InterruptedException {
        TickProducer.requireCluster(config, label);
        BootstrapCheck.require(config); // before the progress bar: a wrong address is one clean line
        Progress progress = new Progress(err, label, total);
        long acked;
        try {
            acked = TickProducer.send(config, rows, rate, progress::step);
        } finally {
            progress.done();
        }
        err.println("produced " + acked + " ticks to topic " + config.getString(TickcastConfig.TOPIC_TICKS));
        err.flush();
    }

    private static String abbreviate(List<Integer> lines) {
        String head = lines.stream().limit(10).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        return lines.size() > 10 ? head + ", …" : head;
    }

    static BufferedReader open(String file) throws java.io.IOException {
        if (file.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return Files.newBufferedReader(p, StandardCharsets.UTF_8);
    }
}
