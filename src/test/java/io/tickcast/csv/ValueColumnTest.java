package io.tickcast.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueColumnTest {

    private static double[] read(Path dir, String text) throws Exception {
        Path f = dir.resolve("v.csv");
        Files.writeString(f, text);
        return ValueColumn.read(f);
    }

    @Test
    void plainNumbersTheValueColumnOrTheLastColumn(@TempDir Path dir) throws Exception {
        assertArrayEquals(new double[] {1, 2.5, -3}, read(dir, "1\n2.5\n\n-3\n"));
        assertArrayEquals(new double[] {1.5, 2}, read(dir, "symbol,ts,value\nA,1,1.5\nA,2,2\n"));
        assertArrayEquals(new double[] {7, 8}, read(dir, "Value,ts\n7,1\n8,2\n"));
        assertArrayEquals(new double[] {3, 4}, read(dir, "a,b\n1,3\n2,4\n"));
        assertArrayEquals(new double[0], read(dir, ""));
    }

    @Test
    void aCellThatIsNotANumberNamesFileAndLine(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(dir, "1\n\nabc\n"));
        assertTrue(e.getMessage().endsWith("v.csv:3: not a number: 'abc'"), e.getMessage());
    }
}
