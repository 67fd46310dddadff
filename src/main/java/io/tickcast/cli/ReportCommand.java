package io.tickcast.cli;

import io.tickcast.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code tickcast report}: PNG charts and an index.html from a backtest's output directory. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Draw PNG charts (1200×500) and an index.html from a backtest's output directory "
                + "(forecasts.csv, breaks.csv, summary.json). Per symbol: forecast vs actual with the interval band, "
                + "training loss over updates, the break detector's statistic vs its threshold with the break signals, and "
                + "the rolling error of the model vs persistence."},
        footer = {"", "Example:", "  tickcast backtest --csv src/main/resources/data/eustockmarkets.csv --out /tmp/bt",
                "  tickcast report --in /tmp/bt --out /tmp/rep && xdg-open /tmp/rep/index.html"})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "The backtest's output directory.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the PNGs and index.html (created).")
    Path out;

    @Option(names = "--window", paramLabel = "TICKS", defaultValue = "50",
            description = "Window of the rolling RMSE (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--zoom", paramLabel = "TICKS", defaultValue = "250",
            description = "Also draw the forecast chart of the last TICKS ticks, where the interval is visible (default: ${DEFAULT-VALUE}; 0: no).")
    int zoom;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (window < 2) {
            throw new IllegalArgumentException("--window must be ≥ 2");
        }
        int charts = Report.write(in, out, window, zoom);
        spec.commandLine().getErr().println("wrote " + charts + " charts and " + out.resolve(Report.INDEX));
        spec.commandLine().getErr().flush();
        return 0;
    }
}
