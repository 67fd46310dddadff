package io.tickcast.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void environmentVariablesMapToKeysAndLaterSourcesWin() throws Exception {
        Path file = Files.createTempFile("tickcast", ".properties");
        Files.writeString(file, "train.every=8\nmodel.hidden=10\nssl.truststore.location=/x\n");
        ConfigOptions o = new ConfigOptions();
        o.configFile = file;
        o.overrides.put("model.hidden", "12");
        TickcastConfig c = o.load(Map.of("TICKCAST_TRAIN_EVERY", "16", "TICKCAST_CHOW_WINDOW", "60", "HOME", "/root"));
        assertEquals(16, c.getInt(TickcastConfig.TRAIN_EVERY));
        assertEquals(12, c.getInt(TickcastConfig.MODEL_HIDDEN));
        assertEquals(60, c.getInt(TickcastConfig.CHOW_WINDOW));
        // Kafka client keys pass through to Streams unchanged; tickcast's own keys do not.
        assertEquals("/x", c.streamsProperties().get("ssl.truststore.location"));
        assertFalse(c.streamsProperties().containsKey(TickcastConfig.TRAIN_EVERY));
        Files.delete(file);
    }

    @Test
    void theReadmeConfigurationTableIsTheDeclaredOne() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains(TickcastConfig.markdownTable()),
                "README.md's configuration table is out of date; paste TickcastConfig.markdownTable():\n"
                        + TickcastConfig.markdownTable());
    }
}
