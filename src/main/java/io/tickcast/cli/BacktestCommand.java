package io.tickcast.cli;

import io.tickcast.backtest.Backtest;
import io.tickcast.backtest.BreakColumn;
import io.tickcast.backtest.BreakTruth;
import io.tickcast.backtest.ForecastColumn;
import io.tickcast.backtest.ResultFiles;
import io.tickcast.config.TickcastConfig;
import io.tickcast.csv.TickCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
                "Memory does not grow with the input: rows are read, and results written, as the run goes "
                        + "(a file is read twice: a first pass finds each symbol's last row).",
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
        boolean stdin = csv.equals("-");
        Scan scan = stdin ? new Scan(0, Map.of()) : Scan.of(Path.of(csv), columns.columns());
        List<BreakTruth> groundTruth = truth == null ? null : BreakTruth.read(truth);
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = new Progress(err, "backtest", scan.rows());
        // rows are read one at a time and results written as they come: memory does not grow with the input
        try (BufferedReader in = stdin ? new BufferedReader(new InputStreamReader(System.in))
                : Files.newBufferedReader(Path.of(csv));
             Backtest bt = new Backtest(config);
             ResultFiles files = ResultFiles.open(out, config, groundTruth, tolerance)) {
            bt.listen(files);
            TickCsv.Rows rows = TickCsv.rows(in, columns.columns());
            for (TickCsv.Row r = rows.next(); r != null; r = rows.next()) {
                bt.tick(r);
                if (scan.lastLines().getOrDefault(r.symbol(), -1) == r.line()) {
                    bt.endOfSymbol(r.symbol());
                }
                progress.step();
            }
            progress.done();
            files.finish(bt.board());
            spec.commandLine().getOut().print(bt.board().table());
            spec.commandLine().getOut().flush();
        }
        err.println("wrote " + out.resolve(ForecastColumn.FILE) + ", " + out.resolve(BreakColumn.FILE) + ", "
                + out.resolve(ResultFiles.SUMMARY_FILE));
        return 0;
    }

    /**
     * A first pass over the file: its rows (for the progress bar) and each symbol's last line, so that a symbol's
     * last forecasts are written when its ticks end rather than held, with every later forecast, until the end of the
     * file (a file sorted by symbol would otherwise keep nearly all of it in memory). Standard input is read once:
     * there neither is known.
     */
    private record Scan(long rows, Map<String, Integer> lastLines) {

        static Scan of(Path file, TickCsv.Columns columns) throws IOException {
            long n = 0;
            Map<String, Integer> last = new HashMap<>();
            try (BufferedReader in = Files.newBufferedReader(file)) {
                TickCsv.Rows rows = TickCsv.rows(in, columns);
                for (TickCsv.Row r = rows.next(); r != null; r = rows.next()) {
                    n++;
                    last.put(r.symbol(), r.line());
                }
            }
            return new Scan(n, last);
        }
    }
}
