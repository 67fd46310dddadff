package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.backtest.BreakTruth;
import io.tickcast.csv.TickCsv;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @Test
    void generateCommandWritesCsvAndTruth(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("syn.csv");
        CliRun r = CliRun.run("generate", "--kind", "price", "--symbols", "2", "--ticks", "300", "--seed", "3",
                "--start", "2020-01-01", "--step", "P1D", "--break", "100:mean:2", "--break", "200:variance:3",
                "--csv", csv.toString());
        assertEquals(0, r.code(), r.err());
        List<TickCsv.Row> rows;
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            rows = TickCsv.read(in, 0);
        }
        assertEquals(600, rows.size());
        assertEquals("2020-01-01", rows.get(0).ts());
        assertEquals("2020-01-02", rows.get(2).ts());
        List<String> truth = Files.readAllLines(dir.resolve("syn.csv.truth.csv"));
        assertEquals(List.of("symbol,ts,kind,size,tick_index",
                "SYN001,2020-04-10,mean,2.0,100", "SYN001,2020-07-19,variance,3.0,200",
                "SYN002,2020-04-10,mean,2.0,100", "SYN002,2020-07-19,variance,3.0,200"), truth);
        List<BreakTruth> parsed = BreakTruth.read(dir.resolve("syn.csv.truth.csv"));
        assertEquals(4, parsed.size());
        assertEquals("variance", parsed.get(1).kind());
        // the truth's timestamp is the tick's
        assertEquals(rows.get(200).ts(), "2020-04-10");
    }

    @Test
    void generateCommandErrors(@TempDir Path dir) {
        CliRun r = CliRun.run("generate", "--ticks", "10");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--csv"), r.err());
        r = CliRun.run("generate", "--ticks", "10", "--break", "50:mean:1", "--csv", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("beyond --ticks"), r.err());
        r = CliRun.run("generate", "--kind", "weather", "--csv", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("sensor or price"), r.err());
        r = CliRun.run("generate", "--step", "1 minute", "--csv", dir.resolve("x.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("PT1M"), r.err());
    }
}
