package io.tickcast.backtest;

import io.tickcast.config.TickcastConfig;
import io.tickcast.serde.BreakSignal;
import io.tickcast.serde.Forecast;
import io.tickcast.serde.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A backtest's output directory, written as the records come out: {@code forecasts.csv} ({@link ForecastCsvWriter}),
 * {@code breaks.csv} ({@link BreakColumn}) and, from running sums, {@code summary.json} (the {@link ScoreBoard}, and
 * with ground truth the {@link DetectionScore}). Nothing grows with the run's length, so a backtest of millions of
 * ticks runs in a small heap; a run that dies leaves partial CSVs and no summary.
 *
 * <p>Call order: {@link #open}, register with {@link Backtest#listen}, tick…, {@link #finish}; {@link #close} (also
 * after a failure) closes the files.
 */
public final class ResultFiles implements BacktestListener, AutoCloseable {

    /** The summary's file name in the output directory, beside {@link ForecastColumn#FILE} and {@link BreakColumn#FILE}. */
    public static final String SUMMARY_FILE = "summary.json";

    private final Path dir;
    private final ForecastCsvWriter forecasts;
    private final BufferedWriter breaks;
    private final DetectionScore detection;

    private ResultFiles(Path dir, ForecastCsvWriter forecasts, BufferedWriter breaks, DetectionScore detection) {
        this.dir = dir;
        this.forecasts = forecasts;
        this.breaks = breaks;
        this.detection = detection;
    }

    /**
     * Creates {@code forecasts.csv} and {@code breaks.csv} in {@code dir} (an existing directory).
     *
     * @param config    the backtest's configuration: its detectors' windows bound how far back a break is dated
     * @param truth     ground truth to score the break signals against, or null
     * @param tolerance a signal up to this many ticks after a true break detects it
     */
    public static ResultFiles open(Path dir, TickcastConfig config, List<BreakTruth> truth, int tolerance)
            throws IOException {
        BufferedWriter breaks = Files.newBufferedWriter(dir.resolve(BreakColumn.FILE));
        try {
            breaks.write(BreakColumn.headerLine());
            ForecastCsvWriter forecasts = new ForecastCsvWriter(Files.newBufferedWriter(dir.resolve(ForecastColumn.FILE)));
            int lookback = Math.max(config.getInt(TickcastConfig.BREAKS_WINDOW), config.getInt(TickcastConfig.CHOW_WINDOW));
            return new ResultFiles(dir, forecasts, breaks,
                    truth == null ? null : new DetectionScore(truth, tolerance, lookback));
        } catch (IOException | RuntimeException e) {
            breaks.close();
            throw e;
        }
    }

    @Override
    public void forecast(Forecast f) throws IOException {
        forecasts.forecast(f);
        if (detection != null) {
            detection.forecast(f);
        }
    }

    @Override
    public void breakRecord(BreakSignal b) throws IOException {
        breaks.write(BreakColumn.line(b));
        if (detection != null) {
            detection.breakRecord(b);
        }
    }

    @Override
    public void endOfSymbol(String symbol) throws IOException {
        forecasts.endOfSymbol(symbol);
    }

    /** Forecasts held in memory, waiting for their actuals or their turn. */
    int heldForecasts() {
        return forecasts.held();
    }

    /** Writes the rest of the CSVs and {@code summary.json} from {@code board} (the backtest's score board). */
    public void finish(ScoreBoard board) throws IOException {
        close();
        Map<String, Object> summary = board.toMap();
        if (detection != null) {
            detection.addTo(summary);
        }
        Files.write(dir.resolve(SUMMARY_FILE), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(summary));
    }

    @Override
    public void close() throws IOException {
        try (breaks) {
            forecasts.close();
        }
    }
}
