package io.tickcast.cli;

import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration options every command that runs the topology shares: {@code --config FILE},
 * {@code --set key=value}, {@code --bootstrap}, plus {@code TICKCAST_*} environment variables.
 */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file: tickcast keys and any Kafka client/Streams keys (TLS, SASL, ...).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers; without it an embedded broker is started.")
    String bootstrap;

    /** Merges defaults, file, environment, --set and --bootstrap (later wins) and validates. */
    public TickcastConfig load() {
        return load(System.getenv());
    }

    TickcastConfig load(Map<String, String> env) {
        Map<String, Object> props = new LinkedHashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --config " + configFile + ": " + e.getMessage(), e);
            }
            p.forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v).trim()));
        }
        props.putAll(fromEnvironment(env));
        props.putAll(overrides);
        if (bootstrap != null) {
            props.put(TickcastConfig.BOOTSTRAP_SERVERS, bootstrap);
        }
        return TickcastConfig.parse(props);
    }

    /** {@code TICKCAST_TRAIN_EVERY=16} becomes {@code train.every=16}. */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("TICKCAST_") && k.length() > "TICKCAST_".length()) {
                out.put(k.substring("TICKCAST_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return out;
    }
}
