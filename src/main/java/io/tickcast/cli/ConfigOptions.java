package io.tickcast.cli;

import io.tickcast.config.KnownKeys;
import io.tickcast.config.TickcastConfig;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The configuration options every command that runs the topology shares: {@code --config FILE},
 * {@code --set key=value}, plus {@code TICKCAST_*} environment variables. {@code --bootstrap} is each connecting
 * command's own, described for that command (only {@code run} and {@code demo} start an embedded broker without it).
 * A key that is neither tickcast's nor Kafka's ({@link KnownKeys}) is refused, whichever source gives it.
 */
public final class ConfigOptions {

    private static final String ENV_PREFIX = "TICKCAST_";

    /** {@code TICKCAST_*} variables that are not configuration: the launcher's JVM options, the tools' data. */
    private static final Set<String> NOT_KEYS = Set.of("TICKCAST_JAVA_OPTS", "TICKCAST_BENCH");

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file: tickcast keys and any Kafka client/Streams keys (TLS, SASL, ...).")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** Merges defaults, file, environment and --set (later wins) and validates. */
    public TickcastConfig load() {
        return load(System.getenv(), null);
    }

    /**
     * As {@link #load()}, then the command's {@code --bootstrap}, if given, wins.
     *
     * @param bootstrap the command's {@code --bootstrap} (each command that connects declares and describes its own),
     *                  or null
     */
    public TickcastConfig load(String bootstrap) {
        return load(System.getenv(), bootstrap);
    }

    /**
     * @throws IllegalArgumentException naming every unknown key and its source, with the declared key it may mean
     */
    TickcastConfig load(Map<String, String> env, String bootstrap) {
        Map<String, Object> props = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --config " + configFile + ": " + e.getMessage(), e);
            }
            p.forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v).trim()));
            p.stringPropertyNames().stream().sorted().forEach(k -> sources.put(k, "in " + configFile));
        }
        Map<String, String> fromEnv = fromEnvironment(env);
        props.putAll(fromEnv);
        fromEnv.keySet().stream().sorted().forEach(k -> sources.put(k, "from " + variable(k)));
        props.putAll(overrides);
        overrides.keySet().forEach(k -> sources.put(k, "in --set"));
        List<String> extra = extraKeys(props.get(TickcastConfig.CONFIG_EXTRA_KEYS));
        List<String> unknown = new ArrayList<>();
        sources.forEach((k, source) -> {
            if (!KnownKeys.isKnown(k) && extra.stream().noneMatch(e -> e.endsWith(".") ? k.startsWith(e) : k.equals(e))) {
                unknown.add(unknownKey(k, source, source.startsWith("from ")));
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("bad configuration: " + String.join("; ", unknown)
                    + " (tickcast config --keys lists tickcast's keys; Kafka client and Streams keys pass through, and so"
                    + " do the keys " + TickcastConfig.CONFIG_EXTRA_KEYS + " names)");
        }
        if (bootstrap != null) {
            props.put(TickcastConfig.BOOTSTRAP_SERVERS, bootstrap);
        }
        return TickcastConfig.parse(props);
    }

    /** The entries of {@code config.extra.keys} as given (a list or a comma-separated string), before validation. */
    private static List<String> extraKeys(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String e : (value instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value).split(",")))) {
            if (!e.isBlank()) {
                out.add(e.trim());
            }
        }
        return out;
    }

    /** "unknown key 'chow.windw' in --set, did you mean 'chow.window'?" */
    private static String unknownKey(String key, String source, boolean environment) {
        String text = "unknown key '" + key + "' " + source;
        return KnownKeys.suggestion(key)
                .map(s -> text + ", did you mean '" + s + "'" + (environment ? " (" + variable(s) + ")" : "") + "?")
                .orElse(text);
    }

    /** {@code train.every} is set by {@code TICKCAST_TRAIN_EVERY}. */
    private static String variable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** {@code TICKCAST_TRAIN_EVERY=16} becomes {@code train.every=16}. */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length() && !NOT_KEYS.contains(k)) {
                out.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return out;
    }
}
