package io.tickcast.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.backtest.Backtest;
import io.tickcast.backtest.BreakTruth;
import io.tickcast.backtest.ResultFiles;
import io.tickcast.config.TickcastConfig;
import io.tickcast.synth.Generator;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts and index.html from a real backtest's output directory (a generated series with one break). */
class ReportTest {

    @Test
    void chartsAndIndexFromABacktest(@TempDir Path dir) throws Exception {
        Generator.Spec spec = new Generator.Spec(Generator.Kind.SENSOR, 2, 300, 5, Instant.parse("2024-01-01T00:00:00Z"),
                Duration.ofMinutes(1), 1.0, 0.0, 0.01, 20.0, 2.0, 96, 0.0,
                List.of(new Generator.Break(150, Generator.BreakType.MEAN, 6)));
        Path bt = dir.resolve("bt");
        Files.createDirectories(bt);
        TickcastConfig config = TickcastConfig.parse(Map.of(TickcastConfig.CHOW_EMIT, "all", TickcastConfig.CHOW_WINDOW, "60",
                TickcastConfig.TRAIN_MIN, "40", TickcastConfig.TRAIN_EVERY, "20", TickcastConfig.MODEL_HIDDEN, "4"));
        try (Backtest b = new Backtest(config); ResultFiles files = ResultFiles.open(bt, config,
                Generator.truth(spec).stream().map(t -> new BreakTruth(t.symbol(), t.ts(), t.kind())).toList(), 100)) {
            b.listen(files);
            for (Generator.Point p : Generator.generate(spec)) {
                b.tick(p.row());
            }
            files.finish(b.board());
        }
        Path rep = dir.resolve("rep");
        assertEquals(10, Report.write(bt, rep, 50, 100));
        for (String sym : new String[] {"SYN001", "SYN002"}) {
            for (String kind : new String[] {"forecast", "forecast-last100", "loss", "breaks", "error"}) {
                Path png = rep.resolve(sym + "-" + kind + ".png");
                assertTrue(Files.isRegularFile(png), png.toString());
                BufferedImage img = ImageIO.read(png.toFile());
                assertNotNull(img, png.toString());
                assertEquals(1200, img.getWidth());
                assertEquals(500, img.getHeight());
                assertEquals(0xFFFFFF, img.getRGB(2, 2) & 0xFFFFFF, "white background");
            }
        }
        String html = Files.readString(rep.resolve("index.html"));
        assertTrue(html.contains("<table>"));
        assertTrue(html.contains("<img src=\"SYN001-breaks.png\""));
        assertTrue(html.contains("<img src=\"SYN002-forecast.png\""));
        assertTrue(html.contains("MASE") && html.contains("coverage") && html.contains("detected"), html);
        assertTrue(html.contains(">SYN002</a></td>"));

        // The default mode's chart: titled after the detector, with its threshold line (every tick's).
        BacktestResults results = BacktestResults.read(bt);
        List<BacktestResults.BreakRow> rows = results.breaks().get("SYN001");
        assertTrue(rows.stream().allMatch(r -> r.mode().equals("cusum")), "the default mode");
        org.jfree.chart.JFreeChart chart = Charts.breaks("SYN001", rows);
        assertEquals("SYN001: Sequential CUSUM", chart.getTitle().getText());
        org.jfree.data.xy.XYSeriesCollection ds = (org.jfree.data.xy.XYSeriesCollection) chart.getXYPlot().getDataset();
        assertEquals("threshold", ds.getSeries(1).getKey());
        assertEquals(rows.size(), ds.getSeries(1).getItemCount(), "a threshold at every tick");
        assertTrue(ds.getSeries(0).getItemCount() > rows.size() / 2, "the statistic at most ticks");
    }
}
