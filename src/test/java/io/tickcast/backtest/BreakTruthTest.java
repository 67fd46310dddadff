package io.tickcast.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ground truth: reading it ({@link DetectionScoreTest} scores signals against it). */
class BreakTruthTest {

    @Test
    void readsTheColumnsByName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("truth.csv");
        Files.writeString(f, "symbol,ts,kind,size,tick_index\nSYN001,2024-01-01T00:01:00Z,ar,0.9,1\n\n");
        assertEquals(List.of(new BreakTruth("SYN001", 1_704_067_260_000L, "ar")), BreakTruth.read(f));
        Files.writeString(f, "kind,ts,symbol\nmean,1000,A\n");
        assertEquals(List.of(new BreakTruth("A", 1000, "mean")), BreakTruth.read(f));
        Files.writeString(f, "symbol,time\nA,1\n");
        assertThrows(IllegalArgumentException.class, () -> BreakTruth.read(f));
    }
}
