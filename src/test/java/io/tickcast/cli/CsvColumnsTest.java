package io.tickcast.cli;

import io.tickcast.csv.Csv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tick CSV with other column names: named by --symbol-column, --ts-column, --value-column, or refused by name. */
class CsvColumnsTest {

    @Test
    void backtestReadsMappedColumnsAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("time,price,ticker\n");
        for (int i = 1; i <= 12; i++) {
            sb.append("2024-01-").append(String.format("%02d", i)).append(',').append(100 + i % 3).append(",\"ACME, Inc.\"\n");
        }
        Path csv = dir.resolve("ticks.csv");
        Files.writeString(csv, sb.toString());
        CliRun refused = CliRun.run("backtest", "--csv", csv.toString(), "--out", dir.resolve("a").toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().startsWith("error: no column 'symbol', 'ts', 'value' in the header 'time,price,ticker'"),
                refused.err());

        CliRun r = CliRun.run("backtest", "--csv", csv.toString(), "--out", dir.resolve("b").toString(),
                "--symbol-column", "ticker", "--ts-column", "time", "--value-column", "price",
                "--set", "experts.statistical=false", "--set", "experts.lstm=false");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("ACME, Inc."), r.out());
        // The backtest's own CSV quotes the symbol, and reads back as it was.
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("b").resolve("forecasts.csv"))) {
            Csv out = Csv.open(in);
            assertEquals("ACME, Inc.", out.next().cell(out.header().require("symbol", "forecasts.csv")));
        }
    }
}
