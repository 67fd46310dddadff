package io.tickcast.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TickcastConfigTest {

    @Test
    void aBadValueFailsWithAMessageNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickcastConfig.parse(Map.of("train.every", "zero")));
        assertTrue(e.getMessage().contains("train.every"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TickcastConfig.parse(Map.of("chow.mode", "sometimes")));
        assertTrue(e.getMessage().contains("chow.mode"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TickcastConfig.parse(Map.of("chow.window", "10")));
        assertTrue(e.getMessage().contains("chow.window"), e.getMessage());
    }

    @Test
    void aCopyWithReplacedKeysIsValidatedLikeAnyOther() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickcastConfig.defaults().with(Map.of("chow.window", "10")));
        assertTrue(e.getMessage().contains("chow.window"), e.getMessage());
    }

    @Test
    void theReadmeConfigurationTableIsTheDeclaredOne() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(TickcastConfig.markdownTable()),
                "README.md's configuration table is out of date; paste TickcastConfig.markdownTable():\n"
                        + TickcastConfig.markdownTable());
    }
}
