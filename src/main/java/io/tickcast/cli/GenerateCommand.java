package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import io.tickcast.synth.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code tickcast generate}: synthetic streams with known regime breaks, to a CSV or the ticks topic. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate synthetic tick streams with known regime breaks (deterministic for a --seed).",
                "sensor: level + amplitude·sin(2π t/period) + drift·t + noise; price: geometric Brownian motion "
                        + "(per-step log-return mean --drift, sd --vol). The noise is AR(1) (--ar, default white).",
                "Breaks (--break AT:TYPE:SIZE, repeatable; AT = tick index per symbol): mean shifts the mean by SIZE noise "
                        + "sd (price: the log-return), variance multiplies the noise sd by SIZE, ar sets the noise's AR(1) "
                        + "coefficient to SIZE.",
                "Writes a tick CSV (--csv, interleaved by time) and the breaks' ground truth (--truth, default "
                        + "<csv>.truth.csv; symbol,ts,kind,size,tick_index, as backtest --truth reads it), or produces "
                        + "to the ticks topic (--bootstrap, --rate)."},
        footer = {"", "Examples:",
                "  tickcast generate --kind sensor --symbols 3 --ticks 2000 --period 96 --break 1000:mean:6 --csv /tmp/syn.csv",
                "  tickcast backtest --csv /tmp/syn.csv --truth /tmp/syn.csv.truth.csv --out /tmp/bt-syn",
                "  tickcast generate --kind price --step P1D --start 2015-01-01 --break 500:variance:3 --bootstrap localhost:9092 --rate 100"})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--kind", paramLabel = "sensor|price", defaultValue = "sensor",
            description = "sensor (seasonal sine + noise + drift) or price (GBM); default ${DEFAULT-VALUE}.")
    String kind;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "1", description = "Symbols SYN001, SYN002, ... (default ${DEFAULT-VALUE}).")
    int symbols;

    @Option(names = "--ticks", paramLabel = "N", defaultValue = "1000", description = "Ticks per symbol (default ${DEFAULT-VALUE}).")
    int ticks;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "ISO", defaultValue = "2024-01-01",
            description = "Timestamp of the first tick: ISO date or date-time, UTC unless an offset is given (default ${DEFAULT-VALUE}).")
    String start;

    @Option(names = "--step", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "Time between ticks, ISO-8601: PT1S, PT1M, PT1H, P1D, ... (default ${DEFAULT-VALUE}).")
    String step;

    @Option(names = "--period", paramLabel = "TICKS", defaultValue = "96", description = "sensor: period of the sine in ticks (default ${DEFAULT-VALUE}).")
    double period;

    @Option(names = "--amplitude", paramLabel = "A", defaultValue = "5", description = "sensor: amplitude of the sine (default ${DEFAULT-VALUE}).")
    double amplitude;

    @Option(names = "--level", paramLabel = "L",
            description = "sensor: base level (default 20); price: start price (default 100).")
    Double level;

    @Option(names = "--noise", paramLabel = "SD", defaultValue = "1", description = "sensor: noise standard deviation (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--drift", paramLabel = "D", defaultValue = "0",
            description = "sensor: trend per tick; price: mean log-return per step (default ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--vol", paramLabel = "SIGMA", defaultValue = "0.01", description = "price: sd of the log-return per step (default ${DEFAULT-VALUE}).")
    double vol;

    @Option(names = "--ar", paramLabel = "PHI", defaultValue = "0", description = "AR(1) coefficient of the noise before any break (default ${DEFAULT-VALUE}).")
    double ar;

    @Option(names = "--break", paramLabel = "AT:TYPE:SIZE",
            description = "A regime break at tick index AT for every symbol; TYPE mean|variance|ar (repeatable).")
    List<String> breaks = new ArrayList<>();

    @Option(names = "--csv", paramLabel = "FILE", description = "Write a tick CSV here ('-': standard output).")
    String csv;

    @Option(names = "--truth", paramLabel = "FILE", description = "Ground truth of the breaks (default: <csv>.truth.csv).")
    Path truth;

    @Option(names = "--rate", paramLabel = "TICKS_PER_S", defaultValue = "0",
            description = "With --bootstrap: ticks per second (default: as fast as possible).")
    double rate;

    @Mixin
    ConfigOptions options;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Produce the ticks to the Kafka cluster at these bootstrap servers instead of writing --csv.")
    String bootstrap;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Generator.Kind k;
        try {
            k = Generator.Kind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--kind must be sensor or price, got '" + kind + "'");
        }
        List<Generator.Break> bs = breaks.stream().map(Generator.Break::parse).toList();
        double lvl = level != null ? level : k == Generator.Kind.PRICE ? 100 : 20;
        if (k == Generator.Kind.PRICE && lvl <= 0) {
            throw new IllegalArgumentException("--level (the start price) must be > 0");
        }
        Generator.Spec s = new Generator.Spec(k, symbols, ticks, seed, Generator.parseStart(start),
                Generator.parseStep(step), noise, drift, vol, lvl, amplitude, period, ar, bs);
        boolean toKafka = bootstrap != null || options.configFile != null;
        if (csv == null && !toKafka) {
            throw new IllegalArgumentException("nowhere to write: give --csv FILE (or '-') or --bootstrap HOST:PORT");
        }
        if (csv != null && toKafka) {
            throw new IllegalArgumentException("give either --csv or --bootstrap/--config, not both");
        }
        List<Generator.Point> points = Generator.generate(s);
        PrintWriter err = spec.commandLine().getErr();
        if (csv != null) {
            if (csv.equals("-")) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                Generator.writeCsv(points, w);
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(Path.of(csv))) {
                    Generator.writeCsv(points, w);
                }
                err.println("wrote " + points.size() + " ticks (" + symbols + " symbols × " + ticks + ") to " + csv);
            }
        } else {
            TickcastConfig config = options.load(bootstrap);
            ProduceCommand.send(config, points.stream().map(Generator.Point::row).iterator(), points.size(), rate, err,
                    "generate");
        }
        Path truthFile = truth != null ? truth : csv != null && !csv.equals("-") ? Path.of(csv + ".truth.csv") : null;
        if (truthFile != null) {
            try (Writer w = Files.newBufferedWriter(truthFile)) {
                Generator.writeTruth(Generator.truth(s), w);
            }
            err.println("wrote the ground truth of " + bs.size() + " break(s) per symbol to " + truthFile);
        }
        err.flush();
        return 0;
    }
}
