package io.tickcast.config;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a configuration may hold: tickcast's declared keys ({@link TickcastConfig}) and the keys of Kafka's clients
 * and of Kafka Streams, plain or behind one of Kafka Streams' prefixes ({@code consumer.}, {@code producer.},
 * {@code admin.}, {@code main.consumer.}, {@code restore.consumer.}, {@code global.consumer.}, {@code topic.}). Any
 * other key is a mistake that would otherwise pass silently; {@link #suggestion} finds the declared key it most likely
 * meant. {@link #isSecret} says which values never to print.
 */
public final class KnownKeys {

    private static final Set<String> TOPIC_CONFIGS = topicConfigs();

    /** Kafka's own keys, unprefixed. */
    private static final Set<String> KAFKA = union(StreamsConfig.configDef().names(), ConsumerConfig.configNames(),
            ProducerConfig.configNames(), AdminClientConfig.configNames());

    /** Kafka Streams' prefixes and the keys each may carry. {@code main.consumer.} is no {@code consumer.} key. */
    private static final List<Map.Entry<String, Set<String>>> PREFIXED = List.of(
            Map.entry(StreamsConfig.MAIN_CONSUMER_PREFIX, ConsumerConfig.configNames()),
            Map.entry(StreamsConfig.RESTORE_CONSUMER_PREFIX, ConsumerConfig.configNames()),
            Map.entry(StreamsConfig.GLOBAL_CONSUMER_PREFIX, ConsumerConfig.configNames()),
            Map.entry(StreamsConfig.CONSUMER_PREFIX, ConsumerConfig.configNames()),
            Map.entry(StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames()),
            Map.entry(StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames()),
            Map.entry(StreamsConfig.TOPIC_PREFIX, TOPIC_CONFIGS));

    /** Config providers ({@code config.providers=file}, {@code config.providers.file.class=...}) name their own keys. */
    private static final String CONFIG_PROVIDERS = "config.providers";

    private static final List<ConfigDef> KAFKA_DEFS = List.of(StreamsConfig.configDef(), ConsumerConfig.configDef(),
            ProducerConfig.configDef(), AdminClientConfig.configDef());

    private KnownKeys() {
    }

    /** True for a declared key, a Kafka client or Streams key, or such a key behind a Kafka Streams prefix. */
    public static boolean isKnown(String key) {
        if (TickcastConfig.configKeys().containsKey(key) || KAFKA.contains(key) || key.startsWith(CONFIG_PROVIDERS)) {
            return true;
        }
        for (Map.Entry<String, Set<String>> p : PREFIXED) {
            if (key.startsWith(p.getKey())) {
                return p.getValue().contains(key.substring(p.getKey().length()));
            }
        }
        return false;
    }

    /**
     * The declared key closest to {@code key} by edit distance, if it is close enough to be a typo (at most a third of
     * the key's length, and at most 3 edits); failing that, the closest Kafka key by the same rule.
     */
    public static Optional<String> suggestion(String key) {
        Optional<String> declared = closest(key, TickcastConfig.configKeys().keySet());
        return declared.isPresent() ? declared : closest(key, KAFKA);
    }

    /**
     * Whether a key's value is a secret, never printed: passwords ({@code *.password} and every key Kafka types as
     * a password, such as {@code ssl.keystore.key}), {@code sasl.jaas.config} and any key naming a secret.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith(".password") || k.endsWith("sasl.jaas.config") || k.contains("secret")) {
            return true;
        }
        String plain = unprefixed(k);
        return KAFKA_DEFS.stream().map(d -> d.configKeys().get(plain))
                .anyMatch(c -> c != null && c.type == ConfigDef.Type.PASSWORD);
    }

    private static String unprefixed(String key) {
        for (Map.Entry<String, Set<String>> p : PREFIXED) {
            if (key.startsWith(p.getKey())) {
                return key.substring(p.getKey().length());
            }
        }
        return key;
    }

    private static Optional<String> closest(String key, Set<String> candidates) {
        int limit = Math.min(3, Math.max(1, key.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(key, c);
            if (d < bestDistance || d == bestDistance && best != null && c.compareTo(best) < 0) {
                best = c;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    /** The topic-level configs, {@link TopicConfig}'s {@code *_CONFIG} constants (Kafka publishes no set of them). */
    private static Set<String> topicConfigs() {
        Set<String> names = new HashSet<>();
        for (Field f : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && f.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(names);
    }
}
