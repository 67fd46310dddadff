package io.tickcast.cli;

import io.tickcast.backtest.HorizonBench;
import io.tickcast.backtest.HorizonData;
import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code tickcast bench horizon}: multi-step forecasts made at each series' last training tick, scored as M4 did. */
@Command(name = "horizon", mixinStandardHelpOptions = true,
        description = {"Runs the production topology (as backtest does) over the training ticks, takes each symbol's "
                + "forecast at its last tick and scores steps 1..h against the test file as the M4 competition did: "
                + "sMAPE, MASE (in-sample seasonal-difference scale), OWA against Naive2, coverage and MSIS of the "
                + "intervals, and the share of forecasts equal to the last value, by step band and in total.",
                "model.horizon defaults to the test file's number of steps and interval.level to 0.95 (M4 scored "
                        + "95 %% intervals: MSIS with a = 0.05); --set either to change it.",
                "Prints a table, then one JSON summary line. Accepts the configuration of run (--config, --set)."})
final class HorizonCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training ticks (symbol,ts,value).")
    Path train;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "The values to forecast (symbol,step,value).")
    Path test;

    @Option(names = "--benchmarks", paramLabel = "FILE",
            description = "Benchmark forecasts (symbol,method,step,forecast): Naive2 for OWA is read from it; without it, "
                    + "Naive2 is computed as M4 did.")
    Path benchmarks;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "tickcast",
            description = "Score this benchmark method (e.g. Naive2, sNaive, SES from --benchmarks; Naive2 without "
                    + "one) instead of tickcast (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--season", paramLabel = "M",
            description = "The MASE scale's seasonal lag (default: from the spacing as M4: 24 hourly, 12 monthly, "
                    + "4 quarterly, else 1).")
    Integer season;

    @Option(names = "--series", description = "Add every series to the table and to the JSON summary.")
    boolean perSeries;

    @Option(names = "--json", description = "Print only the JSON summary line.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        HorizonData data = HorizonData.read(train, test, benchmarks);
        int m = season != null ? season : data.season();
        HorizonBench.Result result;
        if (method.equals("tickcast")) {
            TickcastConfig config = config(data.horizon());
            Progress progress = new Progress(err, "bench horizon", data.rows());
            Map<String, HorizonBench.Prediction> forecasts = HorizonBench.tickcast(config, train, progress::step);
            progress.done();
            double level = config.getDouble(TickcastConfig.INTERVAL_LEVEL);
            result = HorizonBench.score(method, data, m, 1 - level, forecasts);
        } else {
            result = HorizonBench.score(method, data, m, 0, HorizonBench.benchmark(data, method, m));
        }
        Map<String, Object> summary = new LinkedHashMap<>(result.summary(perSeries));
        summary.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
        if (!json) {
            out.print(result.table(perSeries));
        }
        out.println(Json.toString(summary));
        out.flush();
        return 0;
    }

    /** The configuration with model.horizon = h and interval.level = 0.95 unless --set says otherwise. */
    private TickcastConfig config(int horizon) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!options.overrides.containsKey(TickcastConfig.MODEL_HORIZON)) {
            defaults.put(TickcastConfig.MODEL_HORIZON, horizon);
        }
        if (!options.overrides.containsKey(TickcastConfig.INTERVAL_LEVEL)) {
            defaults.put(TickcastConfig.INTERVAL_LEVEL, 0.95);
        }
        return options.load().with(defaults);
    }
}
