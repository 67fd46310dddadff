package io.tickcast.cli;

import io.tickcast.backtest.Backtest;
import io.tickcast.backtest.BreakColumn;
import io.tickcast.backtest.BreakTruth;
import io.tickcast.backtest.ForecastColumn;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code tickcast backtest}: the production topology over a CSV, without a broker (see {@link Backtest}) —
 * the same processors, stores and configuration as {@code run}.
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

    @Mixin
    CsvColumnsOption columns;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        TickcastConfig config = options.load().with(Map.of(TickcastConfig.CHOW_EMIT, "all"));
        List<TickCsv.Row> rows;
        try (BufferedReader in = csv.equals("-") ? new BufferedReader(new java.io.InputStreamReader(System.in))
                : Files.newBufferedReader(Path.of(csv))) {
            rows = TickCsv.read(in, columns.columns(), 0);
        }
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, "backtest", rows.size());
        try (Backtest bt = new Backtest(config)) {
            for (TickCsv.Row r : rows) {
                bt.tick(r);
                progress.step();
            }
            progress.done();
            bt.writeResults(out, truth == null ? null : BreakTruth.read(truth), tolerance);
            spec.commandLine().getOut().print(bt.board().table());
            spec.commandLine().getOut().flush();
        }
        err.println("wrote " + out.resolve(ForecastColumn.FILE) + ", " + out.resolve(BreakColumn.FILE) + ", "
                + out.resolve(Backtest.SUMMARY_FILE));
        return 0;
    }
}
