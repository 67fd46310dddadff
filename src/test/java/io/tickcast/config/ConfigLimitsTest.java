package io.tickcast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickcast.metrics.TickcastMetrics;
import io.tickcast.model.LstmConfig;
import io.tickcast.model.LstmParameters;
import io.tickcast.model.TrainConfig;
import io.tickcast.stats.ChowConfig;
import io.tickcast.stream.ForecastTopology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A configuration that parses builds the topology: every numeric key at its minimum and at its maximum,
 * one at a time, the others at their defaults. The ranges are read from the declared keys, so a new key
 * or a changed range is covered without editing this test.
 */
class ConfigLimitsTest {

    /**
     * Extremes that a rule spanning keys rejects with the other keys at their defaults, and the one other
     * key that makes them valid (each rule is checked to reject the extreme alone, below).
     */
    private static final Map<String, Map<String, String>> COMPANIONS = Map.of(
            // window > 2k: 8 pairs allow k = lags + intercept <= 3
            TickcastConfig.CHOW_WINDOW + "=8", Map.of(TickcastConfig.CHOW_LAGS, "1"),
            // k = lags + intercept <= ChowConfig.MAX_K
            TickcastConfig.CHOW_LAGS + "=" + ChowConfig.MAX_K, Map.of(TickcastConfig.CHOW_INTERCEPT, "false"),
            TickcastConfig.INTERVAL_LEVEL + "=0.999", Map.of(TickcastConfig.INTERVAL_WINDOW, "1001"),
            // the anomaly flag needs 1/(1 - anomaly.level) - 1 scores of the one-step interval
            TickcastConfig.INTERVAL_WINDOW + "=11", Map.of(TickcastConfig.ANOMALY_LEVEL, "0.9"),
            TickcastConfig.ANOMALY_LEVEL + "=0.9999", Map.of(TickcastConfig.INTERVAL_WINDOW, "9999"));

    private static final Pattern RANGE = Pattern.compile("\\[([^,]+),\\.\\.\\.(?:,([^\\]]+))?]");

    /** (key, value) for the minimum and maximum of every INT, LONG, SHORT and DOUBLE key. */
    static Stream<Arguments> limits() {
        List<Arguments> out = new ArrayList<>();
        for (ConfigDef.ConfigKey k : TickcastConfig.configKeys().values()) {
            String[] bounds = switch (k.type) {
                case INT -> bounds(k, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case LONG -> bounds(k, Long.MIN_VALUE, Long.MAX_VALUE);
                case SHORT -> bounds(k, Short.MIN_VALUE, Short.MAX_VALUE);
                case DOUBLE -> bounds(k, -Double.MAX_VALUE, Double.MAX_VALUE);
                default -> null;
            };
            if (bounds != null) {
                out.add(Arguments.of(k.name, bounds[0]));
                out.add(Arguments.of(k.name, bounds[1]));
            }
        }
        return out.stream();
    }

    /** The declared range ({@code [min,...,max]} or {@code [min,...]}, as Kafka prints it), else the type's. */
    private static String[] bounds(ConfigDef.ConfigKey k, Number typeMin, Number typeMax) {
        if (k.validator == null) {
            return new String[] {typeMin.toString(), typeMax.toString()};
        }
        Matcher m = RANGE.matcher(k.validator.toString());
        assertTrue(m.matches(), k.name + ": a numeric key without a range: " + k.validator);
        return new String[] {m.group(1), m.group(2) != null ? m.group(2) : typeMax.toString()};
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("limits")
    void theTopologyBuildsWithEveryNumericKeyAtItsMinimumAndMaximum(String key, String value) {
        Map<String, Object> props = new HashMap<>(COMPANIONS.getOrDefault(key + "=" + value, Map.of()));
        props.put(key, value);
        build(TickcastConfig.parse(props));
        if (key.startsWith("chow.")) {
            props.put(TickcastConfig.CHOW_MODE, "scan");
            build(TickcastConfig.parse(props));
        }
    }

    private static void build(TickcastConfig config) {
        assertNotNull(ForecastTopology.build(config, TickcastMetrics.bind(new SimpleMeterRegistry(), 0)).describe());
        assertTrue(ForecastTopology.changelogMaxBytes(config) > 0);
    }

    @Test
    void eachCompanionIsNeededAndTheErrorNamesTheKey() {
        COMPANIONS.keySet().forEach(extreme -> {
            String[] kv = extreme.split("=");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TickcastConfig.parse(Map.of(kv[0], kv[1])), extreme);
            String companion = COMPANIONS.get(extreme).keySet().iterator().next();
            assertTrue(e.getMessage().contains(kv[0]) || e.getMessage().contains(companion), e.getMessage());
        });
    }

    @Test
    void lagsBeyondTheChowTablesFailWhenParsedNotWhenTheTopologyIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickcastConfig.parse(Map.of(TickcastConfig.CHOW_LAGS, "45")));
        assertTrue(e.getMessage().contains("chow.lags"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TickcastConfig.parse(Map.of(TickcastConfig.CHOW_LAGS, String.valueOf(ChowConfig.MAX_K))));
        assertTrue(e.getMessage().contains("chow.lags") && e.getMessage().contains("intercept"), e.getMessage());
    }

    @Test
    void anLstmTooLargeForOneStateRecordFailsWhenParsed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickcastConfig.parse(Map.of(TickcastConfig.MODEL_HIDDEN, "1024", TickcastConfig.MODEL_LAYERS, "8")));
        assertTrue(e.getMessage().contains("model.hidden") && e.getMessage().contains("model.layers"), e.getMessage());
        // the largest single-layer model is within the limit
        assertTrue(TickcastConfig.parse(Map.of(TickcastConfig.MODEL_HIDDEN, "1024", TickcastConfig.MODEL_HORIZON, "100",
                TickcastConfig.MODEL_PEEPHOLES, "true")).lstmConfig().parameterCount() <= TickcastConfig.MAX_MODEL_PARAMETERS);
    }

    @Test
    void trainingWindowsTooLargeForMemoryFailWhenParsed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TickcastConfig.parse(Map.of(TickcastConfig.TRAIN_BUFFER, "100000", TickcastConfig.MODEL_TIMESTEPS, "1000")));
        assertTrue(e.getMessage().contains("train.buffer") && e.getMessage().contains("model.timesteps"), e.getMessage());
    }

    @Test
    void theParameterCountIsTheAllocatedOne() {
        for (LstmConfig c : new LstmConfig[] {LstmConfig.builder().build(),
                LstmConfig.builder().hiddenSize(7).layers(3).horizon(4).peepholes(true).build(),
                LstmConfig.builder().inputSize(2).hiddenSize(3).layers(2).build()}) {
            assertEquals(new LstmParameters(c).size(), c.parameterCount(), c.toString());
        }
    }

    @Test
    void notANumberAndInfinityAreRejectedForEveryDoubleKey() {
        for (ConfigDef.ConfigKey k : TickcastConfig.configKeys().values()) {
            if (k.type == ConfigDef.Type.DOUBLE) {
                for (String bad : new String[] {"NaN", "Infinity", "-Infinity"}) {
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> TickcastConfig.parse(Map.of(k.name, bad)), k.name + "=" + bad);
                    assertTrue(e.getMessage().contains(k.name), e.getMessage());
                }
            }
        }
    }

    @Test
    void theDefaultsAreTheDomainBuildersDefaults() {
        TickcastConfig c = TickcastConfig.defaults();
        assertEquals(LstmConfig.builder().inputSize(TickcastConfig.INPUT_FEATURES).build(), c.lstmConfig());
        assertEquals(TrainConfig.builder().learningRate(TickcastConfig.DEFAULT_TRAIN_LR).build(), c.trainConfig());
        assertEquals(ChowConfig.defaults(), c.chowConfig());
    }

    @Test
    void theDeclaredKeysAreReadOnly() {
        Map<String, ConfigDef.ConfigKey> keys = TickcastConfig.configKeys();
        assertFalse(keys.isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> keys.remove(TickcastConfig.CHOW_LAGS));
    }
}
