package io.tickcast.config;

import org.junit.jupiter.api.Test;

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
}
