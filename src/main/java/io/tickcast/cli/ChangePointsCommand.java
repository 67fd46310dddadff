package io.tickcast.cli;

import io.tickcast.backtest.ChangePointBench;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code tickcast bench changepoints}: the break detector against change points annotated by people (TCPD). */
@Command(name = "changepoints", mixinStandardHelpOptions = true,
        description = {"Runs the production topology (as backtest does, the configured breaks.mode) over the tick "
                + "CSVs in --data, each file afresh, and scores each series' break signals against the annotated "
                + "change points with TCPDBench's F1 (margin 5) and covering metric. A signal's change point is the "
                + "first observation at or after its estimated break (break_ts), kept within 1..n-2.",
                "Prints, per series, n, the signals, the change points, the mean and median delay (signal's tick - "
                        + "change point), F1 and cover of tickcast, of zero (no change) and of the methods in "
                        + "--published; then their means over the series the catalog marks averaged (all without "
                        + "a catalog). A table, or with --json the same as JSON. Progress on standard error. Accepts "
                        + "the configuration of run (--config, --set, e.g. --set breaks.mode=chow)."})
final class ChangePointsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A directory of tick CSV files (symbol,ts,value).")
    Path data;

    @Option(names = "--annotations", required = true, paramLabel = "FILE",
            description = "JSON: per series, per annotator, the 0-based indices of the first observation of each new regime.")
    Path annotations;

    @Option(names = "--published", paramLabel = "FILE",
            description = "JSON: per series, per method, the published {\"f1\", \"cover\"}, shown beside tickcast's.")
    Path published;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "JSON: per series {\"n\", \"averaged\"}; the means are over the averaged series "
                    + "(default: catalog.json in --data if there; without one, over all series).")
    Path catalog;

    @Option(names = "--series", arity = "1..*", paramLabel = "NAME",
            description = "Only these series (the files NAME.csv in --data).")
    List<String> series;

    @Option(names = "--json", description = "Print the results as one JSON object instead of the table.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data " + data + " is not a directory");
        }
        if (!Files.isRegularFile(annotations)) {
            throw new IllegalArgumentException("--annotations " + annotations + ": no such file");
        }
        if (published != null && !Files.isRegularFile(published)) {
            throw new IllegalArgumentException("--published " + published + ": no such file");
        }
        if (catalog != null && !Files.isRegularFile(catalog)) {
            throw new IllegalArgumentException("--catalog " + catalog + ": no such file");
        }
        Path cat = catalog != null ? catalog : Files.isRegularFile(data.resolve("catalog.json")) ? data.resolve("catalog.json") : null;
        TickcastConfig config = options.load();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        ChangePointBench.Inputs inputs = ChangePointBench.read(annotations, cat, published);
        List<ChangePointBench.SeriesFile> files = ChangePointBench.load(files(), inputs, w -> warn(err, w));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no annotated series in " + data);
        }
        for (String s : inputs.annotations().keySet()) {
            if (series == null && files.stream().noneMatch(f -> f.n().containsKey(s))) {
                warn(err, "series " + s + " is annotated but not in " + data);
            }
        }
        Progress progress = new Progress(err, "bench changepoints", files.stream().mapToLong(f -> f.rows().size()).sum());
        List<String> warnings = new ArrayList<>();
        List<ChangePointBench.SeriesResult> results = ChangePointBench.run(config, files, inputs, progress::step,
                warnings::add);
        progress.done();
        warnings.forEach(w -> warn(err, w));
        Map<String, Object> detector = ChangePointBench.detector(config);
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("detector", detector);
            m.put("margin", io.tickcast.backtest.ChangePointScore.MARGIN);
            m.put("series", results.stream().map(ChangePointBench.SeriesResult::toMap).toList());
            m.put("mean", ChangePointBench.means(results, inputs));
            m.put("seconds", seconds);
            out.println(Json.toString(m));
        } else {
            out.print(ChangePointBench.table(results, inputs, detector));
            out.printf("%.2f s%n", seconds);
        }
        out.flush();
        return 0;
    }

    /** The files to run: NAME.csv per --series, else every *.csv of --data, sorted by name. */
    private List<Path> files() throws java.io.IOException {
        if (series != null) {
            List<Path> out = new ArrayList<>();
            for (String s : series) {
                Path f = data.resolve(s + ".csv");
                if (!Files.isRegularFile(f)) {
                    throw new IllegalArgumentException("--series " + s + ": no file " + f);
                }
                out.add(f);
            }
            return out;
        }
        try (Stream<Path> s = Files.list(data)) {
            List<Path> out = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".csv"))
                    .sorted().toList();
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no *.csv files in " + data);
            }
            return out;
        }
    }

    private static void warn(PrintWriter err, String message) {
        err.println("warning: " + message);
        err.flush();
    }
}
