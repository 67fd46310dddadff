package io.tickcast.cli;

import io.tickcast.backtest.QualityBench;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tickcast bench quality}: prequential forecast quality of the production topology on real series. */
@Command(name = "quality", mixinStandardHelpOptions = true,
        description = {"Runs the production topology (as backtest does) over every tick CSV in --data, each file "
                + "afresh, and scores its one-step forecasts prequentially: RMSE over persistence's, over seasonal "
                + "naive's and over R's auto.arima and ETS (with --baselines), coverage and mean width of the intervals.",
                "Prints a table to standard error and, to standard output, one JSON object per series and a summary "
                        + "with the geometric means. Accepts the configuration of run (--config, --set)."})
final class QualityCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "A directory of tick CSV files (symbol,ts,value).")
    Path data;

    @Option(names = "--baselines", paramLabel = "DIR",
            description = "R's prequential baselines, <SYMBOL>.csv (columns t, actual, persistence, snaive, arima, ets): "
                    + "the series are then scored on exactly their targets.")
    Path baselines;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(data)) {
            throw new IllegalArgumentException("--data " + data + " is not a directory");
        }
        if (baselines != null && !Files.isDirectory(baselines)) {
            throw new IllegalArgumentException("--baselines " + baselines + " is not a directory");
        }
        TickcastConfig config = options.load();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        List<QualityBench.SeriesScore> scores = QualityBench.run(config, data, baselines, s -> {
            err.printf("bench quality: %s done (%d targets, %.3f of persistence)%n", s.symbol(), s.targets(),
                    s.vsPersistence());
            err.flush();
        });
        err.print(QualityBench.table(scores));
        Map<String, Object> summary = QualityBench.summary(scores, config.getDouble(TickcastConfig.INTERVAL_LEVEL));
        summary.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        err.println(Json.toString(summary));
        err.flush();
        for (QualityBench.SeriesScore s : scores) {
            out.println(Json.toString(s.toMap()));
        }
        out.println(Json.toString(Map.of("summary", summary)));
        out.flush();
        return 0;
    }
}
