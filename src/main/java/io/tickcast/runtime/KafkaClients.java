package io.tickcast.runtime;

import io.tickcast.config.TickcastConfig;
import org.apache.kafka.clients.CommonClientConfigs;

import java.util.Properties;

/** Properties for tickcast's own producers and consumers (demo, produce, tail): the cluster and its security keys. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * Properties for a producer of ticks: acks=all, ordered (one request in flight), not idempotent.
     *
     * <p>Why not idempotent: on this machine's in-JVM Kafka 4.4 broker, long idempotent loads sometimes
     * fail with OUT_OF_ORDER_SEQUENCE_NUMBER retried until the batches expire (seen in {@code bench e2e}).
     * Ordering is kept by a single in-flight request; a duplicate from a retry has the same timestamp as
     * its original and is rejected by the topology as {@code duplicate}, not forecast twice.
     */
    public static Properties tickProducer(String bootstrap, TickcastConfig config) {
        Properties p = properties(bootstrap, config);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 5);
        return p;
    }

    /**
     * @param bootstrap the servers to connect to (the embedded broker's or the configured ones)
     * @param config    supplies {@code security.*}, {@code ssl.*} and {@code sasl.*} keys, passed through unchanged
     */
    public static Properties properties(String bootstrap, TickcastConfig config) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.originals().forEach((k, v) -> {
            if (k.startsWith("security.") || k.startsWith("ssl.") || k.startsWith("sasl.")) {
                p.put(k, v);
            }
        });
        return p;
    }
}
