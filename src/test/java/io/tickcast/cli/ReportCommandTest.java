package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @Test
    void chartsAndIndexFromABacktest(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("syn.csv");
        assertEquals(0, CliRun.run("generate", "--symbols", "2", "--ticks", "300", "--seed", "5", "--amplitude", "2",
                "--break", "150:mean:6", "--csv", csv.toString()).code());
        Path bt = dir.resolve("bt");
        CliRun b = CliRun.run("backtest", "--csv", csv.toString(), "--truth", csv + ".truth.csv", "--out", bt.toString(),
                "--set", "chow.window=60", "--set", "train.min=40", "--set", "train.every=20", "--set", "model.hidden=4");
        assertEquals(0, b.code(), b.err());
        Path rep = dir.resolve("rep");
        CliRun r = CliRun.run("report", "--in", bt.toString(), "--out", rep.toString(), "--zoom", "100");
        assertEquals(0, r.code(), r.err());
        for (String sym : new String[] {"SYN001", "SYN002"}) {
            for (String kind : new String[] {"forecast", "forecast-last100", "loss", "chow", "error"}) {
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
        assertTrue(html.contains("<img src=\"SYN001-chow.png\""));
        assertTrue(html.contains("<img src=\"SYN002-forecast.png\""));
        assertTrue(html.contains("MASE") && html.contains("coverage") && html.contains("detected"), html);
        assertTrue(html.contains(">SYN002</a></td>"));
    }

    @Test
    void clearErrorWithoutABacktestDirectory(@TempDir Path dir) {
        CliRun r = CliRun.run("report", "--in", dir.toString(), "--out", dir.resolve("rep").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("forecasts.csv"), r.err());
    }
}
