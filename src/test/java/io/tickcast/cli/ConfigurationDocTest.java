package io.tickcast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tickcast.config.TickcastConfig;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is what {@code tickcast config --keys --markdown} prints: regenerated here in memory
 * and compared with the committed file, so a key added, renamed or redocumented fails the build until the page is
 * regenerated ({@link TickcastConfig#REFERENCE_COMMAND}).
 */
class ConfigurationDocTest {

    @Test
    void docsConfigurationIsWhatTheCommandPrints() throws Exception {
        CliRun run = CliRun.run("config", "--keys", "--markdown");
        assertEquals(0, run.code(), run.err());
        Path doc = Path.of("docs/configuration.md");
        assertTrue(Files.exists(doc), "docs/configuration.md is missing; run " + TickcastConfig.REFERENCE_COMMAND);
        assertEquals(run.out(), Files.readString(doc),
                "docs/configuration.md is out of date; regenerate it: " + TickcastConfig.REFERENCE_COMMAND);
    }

    @Test
    void everyDeclaredKeyIsDocumented() {
        String doc = TickcastConfig.markdownReference();
        TickcastConfig.configKeys().keySet().forEach(k -> assertTrue(doc.contains("| `" + k + "` |"), k));
    }

    @Test
    void markdownWithoutKeysIsAUsageError() {
        assertEquals(2, CliRun.run("config", "--markdown").code());
    }
}
