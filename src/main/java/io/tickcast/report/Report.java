package io.tickcast.report;

import io.tickcast.report.BacktestResults.BreakRow;
import io.tickcast.report.BacktestResults.ForecastRow;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * PNG charts and an index.html from a backtest's output directory. Per symbol: forecast vs actual with
 * the interval band (and, with {@code zoom}, its last ticks), training loss over the updates, the break
 * detector's statistic vs its threshold (titled after the mode), the rolling error of the model vs persistence.
 */
public final class Report {

    /** The page's file name in the output directory. */
    public static final String INDEX = "index.html";

    private Report() {
    }

    /**
     * Reads {@code in} and writes the charts and {@value #INDEX} to {@code out} (created).
     *
     * @param window ticks of the rolling RMSE, at least 2
     * @param zoom   also draw the forecast chart of the last this many ticks (0: no)
     * @return the number of charts written
     * @throws IllegalArgumentException when {@code in} is not a backtest's output directory
     */
    public static int write(Path in, Path out, int window, int zoom) throws IOException {
        if (window < 2) {
            throw new IllegalArgumentException("the rolling window must be at least 2 ticks, got " + window);
        }
        System.setProperty("java.awt.headless", "true");
        BacktestResults results = BacktestResults.read(in);
        Files.createDirectories(out);
        Map<String, List<String>> images = new LinkedHashMap<>();
        for (String sym : new TreeSet<>(results.forecasts().keySet())) {
            List<ForecastRow> rows = results.forecasts().get(sym);
            List<BreakRow> bs = results.breaks().getOrDefault(sym, List.of());
            List<String> files = new ArrayList<>();
            String base = sym.replaceAll("[^A-Za-z0-9_.-]", "_");
            save(out, Charts.forecast(sym, rows, bs, 0), base + "-forecast.png", files);
            if (rows.size() > 2 * zoom && zoom > 0) {
                save(out, Charts.forecast(sym, rows, bs, zoom), base + "-forecast-last" + zoom + ".png", files);
            }
            JFreeChart loss = Charts.loss(sym, rows);
            if (loss != null) {
                save(out, loss, base + "-loss.png", files);
            }
            if (!bs.isEmpty()) {
                save(out, Charts.breaks(sym, bs), base + "-breaks.png", files);
            }
            save(out, Charts.error(sym, rows, window), base + "-error.png", files);
            images.put(sym, files);
        }
        Files.writeString(out.resolve(INDEX), IndexHtml.html(results.summary(), images), StandardCharsets.UTF_8);
        return images.values().stream().mapToInt(List::size).sum();
    }

    private static void save(Path dir, JFreeChart chart, String name, List<String> files) throws IOException {
        ChartUtils.saveChartAsPNG(dir.resolve(name).toFile(), chart, Charts.WIDTH, Charts.HEIGHT);
        files.add(name);
    }
}
