package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ConfigOptionsTest {

    @Test
    void environmentVariablesMapToKeysAndLaterSourcesWin() throws Exception {
        Path file = Files.createTempFile("tickcast", ".properties");
        Files.writeString(file, "train.every=8\nmodel.hidden=10\nssl.truststore.location=/x\n");
        ConfigOptions o = new ConfigOptions();
        o.configFile = file;
        o.overrides.put("model.hidden", "12");
        TickcastConfig c = o.load(Map.of("TICKCAST_TRAIN_EVERY", "16", "TICKCAST_CHOW_WINDOW", "60", "HOME", "/root"), null);
        assertEquals(16, c.getInt(TickcastConfig.TRAIN_EVERY));
        assertEquals(12, c.getInt(TickcastConfig.MODEL_HIDDEN));
        assertEquals(60, c.getInt(TickcastConfig.CHOW_WINDOW));
        // Kafka client keys pass through to Streams unchanged; tickcast's own keys do not.
        assertEquals("/x", c.streamsProperties().get("ssl.truststore.location"));
        assertFalse(c.streamsProperties().containsKey(TickcastConfig.TRAIN_EVERY));
        Files.delete(file);
    }
}
