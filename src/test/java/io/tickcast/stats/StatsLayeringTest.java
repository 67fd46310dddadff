package io.tickcast.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The math package sees only EJML, Hipparchus and the JDK (a source-level check of the imports;
 * the project-wide ArchUnit rule covers bytecode). ArchUnit is not used here because it logs to
 * stdout at DEBUG without a logback-test.xml.
 */
class StatsLayeringTest {

    private static final List<String> ALLOWED = List.of("java.", "org.ejml.", "org.hipparchus.", "io.tickcast.stats.");

    @Test
    void statsImportsOnlyEjmlHipparchusAndTheJdk() throws IOException {
        Path dir = Path.of("src/main/java/io/tickcast/stats");
        assertTrue(Files.isDirectory(dir), "run from the module root");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String l = line.strip();
                if (l.startsWith("import ")) {
                    String name = l.substring(l.startsWith("import static ") ? 14 : 7);
                    assertTrue(ALLOWED.stream().anyMatch(name::startsWith), f.getFileName() + ": " + l);
                }
                // fully qualified use without import
                assertFalse(l.matches(".*\\b(org\\.apache|com\\.fasterxml|io\\.micrometer|org\\.slf4j)\\..*"),
                        f.getFileName() + ": " + l);
            }
        }
    }
}
