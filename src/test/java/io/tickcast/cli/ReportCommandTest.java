package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @Test
    void clearErrorWithoutABacktestDirectory(@TempDir Path dir) {
        CliRun r = CliRun.run("report", "--in", dir.toString(), "--out", dir.resolve("rep").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("forecasts.csv"), r.err());
    }

    @Test
    void aTooShortWindowIsAUsageError(@TempDir Path dir) {
        CliRun r = CliRun.run("report", "--in", dir.toString(), "--out", dir.resolve("rep").toString(), "--window", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--window"), r.err());
    }
}
