package io.tickcast.app;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.Properties;

/** Properties for tickcast's own producers and consumers (demo, produce, tail): the cluster and its security keys. */
final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * @param bootstrap the servers to connect to (the embedded broker's or the configured ones)
     * @param config    supplies {@code security.*}, {@code ssl.*} and {@code sasl.*} keys, passed through unchanged
     */
    static Properties properties(String bootstrap, TickcastConfig config) {
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
